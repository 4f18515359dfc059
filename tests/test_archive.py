"""The zip writer lays out archives by hand (so compressed members can be cached); for members
of up to 128 KB it must write exactly what Python's zipfile writes, bigger ones are compressed in
pieces that a cache can keep, and any unzip reads the archives."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.datasets.archive import (COMPRESS_LEVEL, deflate, deflate_piece, deterministic_zip,
                                        piece_cuts)


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


def fictional_csv(rows: int, seed: int = 1) -> bytes:
    """A big CSV of FICTIONAL rows (words drawn at random), about 80 bytes a row."""
    import random

    pick = random.Random(seed)
    words = ["skola", "park", "trygghet", "polis", "kommun", "belysning", "dialog", "cykel"]
    return b"".join(f"{n},{' '.join(pick.choices(words, k=8))}\r\n".encode()
                    for n in range(rows))


def test_a_big_member_is_compressed_in_pieces_that_join_into_one_stream(tmp_path):
    data = fictional_csv(40_000)
    cuts = piece_cuts(data)
    assert len(cuts) >= 10 and cuts == sorted(set(cuts))
    packed = deflate(data)
    assert zlib.decompress(packed, -15) == data
    # each piece has the 32 KB before it as its dictionary: hardly bigger than one stream
    assert len(packed) <= 1.01 * len(zlib_one_stream(data))
    archive = deterministic_zip({"big.csv": data, "small.txt": b"FICTIONAL\n"},
                                (2030, 1, 2, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
        assert opened.read("big.csv") == data
    if shutil.which("unzip"):
        (tmp_path / "big.zip").write_bytes(archive)
        result = subprocess.run(["unzip", "-t", str(tmp_path / "big.zip")], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def zlib_one_stream(data: bytes) -> bytes:
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def test_an_edited_row_compresses_only_the_pieces_around_it():
    data = fictional_csv(40_000)
    kept: dict[tuple, bytes] = {}
    compressed = []

    def cached(dictionary: bytes, piece: bytes, last: bool) -> bytes:
        key = (dictionary, piece, last)
        if key not in kept:
            compressed.append(len(piece))
            kept[key] = deflate_piece(dictionary, piece, last)
        return kept[key]

    assert deflate(data, cached) == deflate(data)  # the cache changes nothing
    pieces = len(compressed)
    compressed.clear()
    middle = data.index(b"\r\n20000,") + 2
    row_end = data.index(b"\r\n", middle) + 2
    edited = data[:middle] + b"20000,an edited FICTIONAL row\r\n" + data[row_end:]
    packed = deflate(edited, cached)
    assert zlib.decompress(packed, -15) == edited
    assert packed == deflate(edited)
    assert 1 <= len(compressed) <= 3, f"{len(compressed)} of {pieces} pieces compressed again"


def test_members_up_to_128_kb_are_what_zipfile_writes():
    """A small site's data (the Kungsör zip) keeps the bytes earlier builds published: a
    published data version must never change."""
    from generator.datasets.archive import PIECE

    for size in (100_000, 2 * PIECE):
        entries = {"a.csv": fictional_csv(size // 60)[:size], "b.xlsx": bytes(range(256)) * 100}
        assert len(entries["a.csv"]) == size
        when = (2021, 1, 1, 0, 0, 0)
        assert deterministic_zip(entries, when) == zipfile_reference(entries, when)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.integers(2 * 65536 - 100, 3 * 2**20),
       st.sampled_from([b"\n", b"</row>", b"", b"\r\n"]))
def test_any_big_member_round_trips_in_pieces(seed, size, mark):
    """Sizes around the thresholds, records of any length (or none: cut at MAX_PIECE), binary
    bytes: the pieces always join into the member, each at least PIECE bytes."""
    import random

    from generator.datasets.archive import MAX_PIECE, PIECE

    pick = random.Random(seed)
    parts, total = [], 0
    while total < size:
        part = pick.randbytes(pick.randint(1, 3000)) + mark
        parts.append(part)
        total += len(part)
    data = b"".join(parts)[:size]
    cuts = piece_cuts(data)
    bounds = [0, *cuts, len(data)]
    assert all(PIECE <= end - start <= MAX_PIECE for start, end in zip(bounds, bounds[1:])) \
        or len(data) <= 2 * PIECE
    assert zlib.decompress(deflate(data), -15) == data
