"""Deterministic zip files: sorted entries, one fixed timestamp, fixed permissions.

Used for the download zip and for the Excel workbook (an .xlsx is a zip).

The archive is laid out by hand (local headers, data, central directory: for members up to
2 × `PIECE` bytes, what `zipfile` writes, byte for byte, as the tests check) so that a member's
compressed bytes can come from a cache: a rebuild after one edit compresses the few files that
changed, not the 40 MB that did not.

A bigger member is compressed in pieces of `PIECE` bytes or more, each on its own with the 32 KB
before it as its dictionary (one valid deflate stream, as pigz makes, nearly as small as one
made in one go), cut where a record ends and the content says so, not at fixed offsets: an
edited row changes the compressed bytes of two or three pieces, and the cache keeps the rest.
Members are small enough for plain zip (no ZIP64).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

DateTime = tuple[int, int, int, int, int, int]
# zlib's default: level 9 took three times as long for about 1 % smaller files.
COMPRESS_LEVEL = 6
# (data) -> its raw deflate stream; a cache may stand in for `deflate`
Compressor = Callable[[bytes], bytes]
# (dictionary, piece, whether it is the member's last) -> its deflate blocks; see `deflate_piece`
PieceCompressor = Callable[[bytes, bytes, bool], bytes]
# Pieces of big members: at least PIECE bytes (each is an entry in the release cache), cut
# after a record (a line, or a worksheet row: a sheet is one line) whose last 32 bytes hash
# to 0 modulo _ONE_IN, or at MAX_PIECE when no record qualifies.
PIECE = 1 << 16
MAX_PIECE = 1 << 20
_ONE_IN = 64
_WINDOW = 1 << 15  # what deflate may refer back to

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate
_UNIX = 3
_PERMISSIONS = 0o644 << 16
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1  # zipfile's ZIP64_LIMIT: beyond it, members would need ZIP64


def deflate(data: bytes, piece: PieceCompressor | None = None) -> bytes:
    """A member's raw deflate stream: up to 2 × PIECE bytes as zipfile makes it at
    COMPRESS_LEVEL, bigger in pieces (see the module's docstring) compressed by `piece`
    (`deflate_piece`, or a cache standing in for it)."""
    if len(data) <= 2 * PIECE:
        compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush()
    piece = piece or deflate_piece
    starts = [0, *piece_cuts(data)]
    ends = [*starts[1:], len(data)]
    return b"".join(piece(data[max(0, start - _WINDOW):start], data[start:end], end == len(data))
                    for start, end in zip(starts, ends))


def deflate_piece(dictionary: bytes, data: bytes, last: bool) -> bytes:
    """One piece, compressed with the bytes before it (at most the 32 KB a decompressor
    remembers) as its dictionary. All but the last end in a sync flush (byte-aligned, no
    final block), so the pieces join into one stream."""
    compressor = zlib.compressobj(COMPRESS_LEVEL, zlib.DEFLATED, -15, zdict=dictionary)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last
                                                        else zlib.Z_SYNC_FLUSH)


def piece_cuts(data: bytes) -> list[int]:
    """Where a big member is cut into pieces (offsets, ascending): decided by the bytes near
    each cut, so the cuts after an edit soon fall where they fell before it."""
    # records end at line ends; in text of few lines (a worksheet is one line), at row ends
    mark = b"\n" if data.count(b"\n", 0, 2 * PIECE) >= 16 else b"</row>"
    cuts, start = [], 0
    while len(data) - start > 2 * PIECE:
        limit = min(start + MAX_PIECE, len(data) - PIECE)
        end, found = limit, data.find(mark, start + PIECE, limit)
        while found >= 0:
            record_end = found + len(mark)
            if zlib.crc32(data[record_end - 32:record_end]) % _ONE_IN == 0:
                end = record_end
                break
            found = data.find(mark, record_end, limit)
        cuts.append(end)
        start = end
    return cuts


def zip_date(iso_date: str) -> DateTime:
    """A zip timestamp from an ISO date (zip cannot go before 1980)."""
    year, month, day = (int(part) for part in iso_date[:10].split("-"))
    return (max(year, 1980), month, day, 0, 0, 0)


def deterministic_zip(entries: dict[str, bytes], when: DateTime, sort: bool = True,
                      compress: Compressor = deflate) -> bytes:
    """The members deflated, in sorted order (or as given), all dated `when`, mode 0644."""
    dos_date = (when[0] - 1980) << 9 | when[1] << 5 | when[2]
    dos_time = when[3] << 11 | when[4] << 5 | (when[5] // 2)
    out = io.BytesIO()
    central = []
    for name in (sorted(entries) if sort else entries):
        data = entries[name]
        packed = compress(data)
        if len(data) > _LIMIT or len(packed) > _LIMIT:
            raise ValueError(f"{name}: too big for a zip without ZIP64")
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        crc = zlib.crc32(data)
        offset = out.tell()
        out.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dos_time,
                              dos_date, crc, len(packed), len(data), len(encoded), 0))
        out.write(encoded)
        out.write(packed)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, flags,
                                     zipfile.ZIP_DEFLATED, dos_time, dos_date, crc, len(packed),
                                     len(data), len(encoded), 0, 0, 0, 0, _PERMISSIONS, offset)
                       + encoded)
    start = out.tell()
    if len(central) > 0xFFFF or start > _LIMIT:
        raise ValueError("too many or too big members for a zip without ZIP64")
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()
