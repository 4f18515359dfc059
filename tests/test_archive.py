"""The download zip is written with zipfile: members in the order given, one fixed date, fixed
permissions and system, no extra fields, so the same files give the same bytes; any unzip reads
it, and a big member goes to ZIP64 by itself."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets.archive import deterministic_zip, zip_date

names = st.text(alphabet="abcåäö_-./0123456789", min_size=1, max_size=20).filter(
    lambda n: not n.startswith("/") and not n.endswith("/"))
members = st.dictionaries(names, st.binary(max_size=3000), max_size=6)
dates = st.tuples(st.integers(1980, 2107), st.integers(1, 12), st.integers(1, 28),
                  st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))


def local_extra_length(archive: bytes, info: zipfile.ZipInfo) -> int:
    """The extra-field length in a member's local header (zipfile reads only the central one)."""
    signature, = struct.unpack_from("<4s", archive, info.header_offset)
    assert signature == b"PK\x03\x04"
    return struct.unpack_from("<H", archive, info.header_offset + 28)[0]


@settings(max_examples=100, deadline=None)
@given(members, dates)
def test_members_round_trip_in_order_with_fixed_metadata(entries, when):
    ours = deterministic_zip(entries, when)
    assert deterministic_zip(dict(entries), when) == ours
    with zipfile.ZipFile(io.BytesIO(ours)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(entries)
        assert {name: archive.read(name) for name in archive.namelist()} == entries
        for info in archive.infolist():
            assert info.date_time == (when[0], when[1], when[2], when[3], when[4],
                                      when[5] // 2 * 2)  # zip keeps seconds in twos
            assert info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr == 0o644 << 16
            assert info.create_system == 3
            assert info.extra == b"" and local_extra_length(ours, info) == 0


def test_the_order_is_the_callers_and_changes_the_bytes():
    when = (2024, 1, 2, 0, 0, 0)
    forward = {"b.csv": b"FICTIONAL b\n", "a.csv": b"FICTIONAL a\n"}
    backward = dict(reversed(forward.items()))
    assert zipfile.ZipFile(io.BytesIO(deterministic_zip(forward, when))).namelist() == [
        "b.csv", "a.csv"]
    assert deterministic_zip(forward, when) != deterministic_zip(backward, when)


def test_the_bytes_depend_on_the_date_not_the_clock():
    entries = {"README.md": b"# FICTIONAL\n", "data/x.csv": b"id\r\n1\r\n" * 100}
    first = deterministic_zip(entries, (2030, 5, 6, 0, 0, 0))
    assert deterministic_zip(entries, (2030, 5, 6, 0, 0, 0)) == first
    assert deterministic_zip(entries, (2030, 5, 7, 0, 0, 0)) != first


def test_zip_date_is_midnight_of_the_iso_date_and_never_before_1980():
    assert zip_date("2021-01-01") == (2021, 1, 1, 0, 0, 0)
    assert zip_date("2031-04-05T12:00:00Z") == (2031, 4, 5, 0, 0, 0)
    assert zip_date("1975-06-30") == (1980, 6, 30, 0, 0, 0)
    assert zip_date("2203-05-15") == (2107, 5, 15, 0, 0, 0)  # zip stores years up to 2107


@pytest.mark.skipif(shutil.which("unzip") is None, reason="no unzip on this machine")
def test_unzip_accepts_it(tmp_path):
    path = tmp_path / "test.zip"
    path.write_bytes(deterministic_zip({"data/å.csv": b"x" * 100_000, "README.md": b"# FICTIONAL\n"},
                                       (2030, 5, 6, 0, 0, 0)))
    result = subprocess.run(["unzip", "-t", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def fictional_csv(rows: int, seed: int = 1) -> bytes:
    """A big CSV of FICTIONAL rows (words drawn at random), about 80 bytes a row."""
    import random

    pick = random.Random(seed)
    words = ["skola", "park", "trygghet", "polis", "kommun", "belysning", "dialog", "cykel"]
    return b"".join(f"{n},{' '.join(pick.choices(words, k=8))}\r\n".encode()
                    for n in range(rows))


def test_a_big_member_round_trips():
    data = fictional_csv(40_000)  # about 3 MB
    archive = deterministic_zip({"big.csv": data, "small.txt": b"FICTIONAL\n"},
                                (2030, 1, 2, 0, 0, 0))
    assert len(archive) < len(data) / 3
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
        assert opened.read("big.csv") == data


def test_a_member_past_the_zip64_limit_gets_zip64(monkeypatch, tmp_path):
    """zipfile's limit lowered to a few KB stands in for the real 2 GiB (too big for a test)."""
    import random

    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 4096)
    data = random.Random(1).randbytes(10_000)  # does not compress: the offsets pass it too
    archive = deterministic_zip({"small.txt": b"FICTIONAL\n", "big.csv": data},
                                (2030, 1, 2, 0, 0, 0))
    assert b"PK\x06\x06" in archive  # the ZIP64 end of central directory record
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
        assert opened.read("big.csv") == data
        big = opened.getinfo("big.csv")
        assert big.extra[:2] == b"\x01\x00"  # the ZIP64 extra field, in the central directory
        assert local_extra_length(archive, big) > 0  # and in the local header
    if shutil.which("unzip"):
        (tmp_path / "big.zip").write_bytes(archive)
        result = subprocess.run(["unzip", "-t", str(tmp_path / "big.zip")], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr
