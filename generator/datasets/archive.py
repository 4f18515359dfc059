"""Deterministic zip files: sorted entries, one fixed timestamp, fixed permissions.

Used for the download zip and to normalise the Excel workbook (an .xlsx is a zip, and openpyxl
stamps every entry with the time of saving).
"""

from __future__ import annotations

import io
import zipfile

DateTime = tuple[int, int, int, int, int, int]
# zlib's default: level 9 took three times as long for about 1 % smaller files.
COMPRESS_LEVEL = 6


def zip_date(iso_date: str) -> DateTime:
    """A zip timestamp from an ISO date (zip cannot go before 1980)."""
    year, month, day = (int(part) for part in iso_date[:10].split("-"))
    return (max(year, 1980), month, day, 0, 0, 0)


def deterministic_zip(entries: dict[str, bytes], when: DateTime, sort: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in (sorted(entries) if sort else entries):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def normalise_zip(data: bytes, when: DateTime) -> bytes:
    """The same members, rewritten with fixed metadata and in sorted order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    return deterministic_zip(entries, when)
