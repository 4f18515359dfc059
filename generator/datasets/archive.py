"""Deterministic zip files: members in the order given, one fixed timestamp, fixed permissions.

Written with the standard library's `zipfile`: every member is a `ZipInfo` carrying only what
comes from the input (its name, the release date), so the same files give the same bytes on
every run and machine. zipfile switches a member to ZIP64 by itself when it needs it.
"""

from __future__ import annotations

import io
import zipfile

DateTime = tuple[int, int, int, int, int, int]
# zlib's default, named so a change of Python's default cannot change published bytes.
_COMPRESS_LEVEL = 6
_PERMISSIONS = 0o644 << 16  # -rw-r--r--, whatever the umask of the machine building
_UNIX = 3  # create_system: zipfile would say 0 on Windows


def zip_date(iso_date: str) -> DateTime:
    """A zip timestamp from an ISO date: zip stores the years 1980 to 2107 only, so the year
    of a date outside them is moved to the nearest it can store (month and day kept)."""
    year, month, day = (int(part) for part in iso_date[:10].split("-"))
    return (min(max(year, 1980), 2107), month, day, 0, 0, 0)


def deterministic_zip(files: dict[str, bytes], date_time: DateTime) -> bytes:
    """The files deflated into one zip, in the dict's order, all dated `date_time`, mode 0644.
    The order is the caller's: pass a sorted dict for an archive sorted by name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _PERMISSIONS
            info.create_system = _UNIX
            # the level goes with each member: a ZipInfo does not take the archive's
            archive.writestr(info, data, compresslevel=_COMPRESS_LEVEL)
    return buffer.getvalue()
