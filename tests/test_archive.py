"""The zip writer lays out archives by hand (so compressed members can be cached); it must
write exactly what Python's zipfile writes for the same members, and archives any unzip reads."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets.archive import COMPRESS_LEVEL, deflate, deterministic_zip


def zipfile_reference(entries: dict[str, bytes], when, sort: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in (sorted(entries) if sort else entries):
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


names = st.text(alphabet="abcåäö_-./0123456789", min_size=1, max_size=20).filter(
    lambda n: not n.startswith("/") and not n.endswith("/"))
members = st.dictionaries(names, st.binary(max_size=3000), max_size=6)
dates = st.tuples(st.integers(1980, 2107), st.integers(1, 12), st.integers(1, 28),
                  st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))


@settings(max_examples=200, deadline=None)
@given(members, dates, st.booleans())
def test_same_bytes_as_zipfile(entries, when, sort):
    ours = deterministic_zip(entries, when, sort)
    assert ours == zipfile_reference(entries, when, sort)
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == entries


def test_a_cached_compressor_gives_the_same_archive():
    entries = {"a.csv": b"id,title\r\n1,x\r\n" * 500, "b.json": b"[]\n"}
    seen = {}

    def cached(data: bytes) -> bytes:
        return seen.setdefault(data, deflate(data))

    first = deterministic_zip(entries, (2024, 1, 2, 0, 0, 0), compress=cached)
    assert len(seen) == 2
    assert deterministic_zip(entries, (2024, 1, 2, 0, 0, 0), compress=cached) == first
    assert first == zipfile_reference(entries, (2024, 1, 2, 0, 0, 0))


@pytest.mark.skipif(shutil.which("unzip") is None, reason="no unzip on this machine")
def test_unzip_accepts_it(tmp_path):
    path = tmp_path / "test.zip"
    path.write_bytes(deterministic_zip({"data/å.csv": b"x" * 100_000, "README.md": b"# FICTIONAL\n"},
                                       (2030, 5, 6, 0, 0, 0)))
    result = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
