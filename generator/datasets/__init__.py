"""The downloadable data: written from exactly the rows that were validated."""

from __future__ import annotations

from generator.model import Content
from generator.output import Output
from generator.tables import Table


def write_datasets(content: Content, tables: dict[str, Table], output: Output, base_url: str) -> None:
    """Every download under data/ (CSV and datapackage.json; later JSON, Excel, zip, DCAT)."""
    from generator.datasets.package import write_data_package

    write_data_package(content, tables, output)
