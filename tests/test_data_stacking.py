"""Journalists stack municipalities: two sites' data packages concatenated table by table still
validate, because every key starts with the municipality code (`polisen`, the statuses and ids
such as `2030` recur in every municipality's package)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "fictional-site"


def build(tmp_path: Path, name: str, code: str) -> Path:
    content = tmp_path / name / "content"
    shutil.copytree(FIXTURE, content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace('municipality_code: "9999"',
                                                             f'municipality_code: "{code}"'),
                    encoding="utf-8")
    out = tmp_path / name / "_site"
    result = run_cli("build", "--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    return out / "data"


def test_two_municipalities_stacked_validate_and_a_join_does_not_double_rows(tmp_path):
    from frictionless import Package

    first, second = build(tmp_path, "a", "9999"), build(tmp_path, "b", "9998")
    descriptor = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))
    stacked = tmp_path / "stacked"
    stacked.mkdir()
    resources = [{k: v for k, v in r.items() if k not in ("hash", "bytes")}  # of one package
                 for r in descriptor["resources"] if r.get("format") == "csv"]
    for resource in resources:
        rows = []
        for folder in (first, second):
            with (folder / resource["path"]).open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                header = next(reader)
                rows += list(reader)
        with (stacked / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
    package = {**descriptor, "resources": resources}
    (stacked / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")

    report = Package(str(stacked / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resource", "rowNumber", "type", "note"])[:10]

    # A join on the full key gives one row per commitment, not one per municipality pair.
    def read(folder: Path, name: str) -> list[dict]:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    commitments = read(stacked, "commitments.csv")
    areas = {(r["municipality_code"], r["focus_area_id"]): r for r in read(stacked, "focus_areas.csv")}
    joined = [c for c in commitments if (c["municipality_code"], c["focus_area_id"]) in areas]
    assert len(joined) == len([c for c in commitments if c["focus_area_id"]])
    assert {c["municipality_code"] for c in commitments} == {"9999", "9998"}
    assert all(k[0] == "municipality_code" for r in resources for k in [r["schema"]["primaryKey"]])
