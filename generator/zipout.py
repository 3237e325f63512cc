"""Write a zip whose unchanged members were compressed once.

A generated Word file is the template's dozen parts with three of them rendered; Python's zipfile
compresses every member on every write, which was a third of a render.  Here a member is given
already deflated (with its CRC and size) and only the rendered ones are compressed.  The format is
the plain one zipfile itself writes (no zip64: a Word file is far below 4 GB), and what it writes
is read back by zipfile in tests/test_render_fast.py.
"""
from __future__ import annotations

import struct
import time
import zlib
from dataclasses import dataclass

DEFLATED = 8
VERSION = 20  # 2.0: deflate


@dataclass(frozen=True)
class Packed:
    name: bytes
    crc: int
    size: int
    data: bytes  # deflated


def pack(name: str, data: bytes) -> Packed:
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile's ZIP_DEFLATED
    return Packed(name.encode("utf-8"), zlib.crc32(data), len(data), c.compress(data) + c.flush())


def _dos_time(t: float) -> tuple[int, int]:
    lt = time.localtime(t)
    return ((lt.tm_hour << 11) | (lt.tm_min << 5) | (lt.tm_sec // 2),
            ((lt.tm_year - 1980) << 9) | (lt.tm_mon << 4) | lt.tm_mday)


def write(members: list[Packed]) -> bytes:
    """The zip of these members, in this order, stamped with the time of writing."""
    dtime, ddate = _dos_time(time.time())
    flags = 0x800  # names in UTF-8
    out, central = [], []
    offset = 0
    for m in members:
        header = struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", VERSION, flags, DEFLATED, dtime, ddate,
                             m.crc, len(m.data), m.size, len(m.name), 0)
        out += [header, m.name, m.data]
        central.append(struct.pack("<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", VERSION, VERSION, flags, DEFLATED,
                                   dtime, ddate, m.crc, len(m.data), m.size, len(m.name), 0, 0, 0, 0,
                                   0o644 << 16, offset) + m.name)
        offset += len(header) + len(m.name) + len(m.data)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(out) + directory + end
