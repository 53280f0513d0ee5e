"""Reads what the spinnoise entropy pool gives out, and the pool's own directory, into numpy arrays.

    from spinnoise_pool import read_pool_export, export_bits, open_pool
    data = read_pool_export("take.bin")         # `spinnoise pool take --bytes N --out take.bin`: uint8, N bytes
    bits = export_bits(data)                    # the same as 0/1 bits, most significant bit of each byte first
    samples = read_export_raw("nist.bin")       # `spinnoise export-raw --run RUN --out nist.bin`: one 0/1 per byte
    pool = open_pool("pool")                    # a pool directory, read only (no lock taken; do not run it while
    print(pool.served_end, pool.appended_end)   # spinnoise appends to the pool)
    unserved = pool.payload(pool.reserved_end, pool.appended_end)

The formats, with the Java classes that write them, are in FORMATS.md beside this file. Standard library and numpy.
"""

import json
import struct
from collections import namedtuple
from pathlib import Path

import numpy as np

from spinnoise_formats import MissingFileError, SpinnoiseFormatError, TruncatedFileError, UnknownFormatError

__all__ = ["read_pool_export", "export_bits", "read_export_raw", "open_pool", "Pool", "PoolRecord", "crc32c"]

#: The pool cursor format this reader reads (org.spinnoise.entropy.pool.CursorState.FORMAT); format 1, the same
#: without "bytesTornAtRecovery", is read too.
CURSOR_FORMAT = 2
CURSOR_FORMATS = (1, 2)
#: The segment record version this reader reads (org.spinnoise.entropy.pool.RecordCodec.VERSION).
RECORD_VERSION = 1
_MAGIC = b"SPNP"
# magic, version, global offset, payload length, raw bits in, quarantined bits, credited bits (binary64), id length.
_HEADER = struct.Struct(">4sBQIQQdH")
_CRC = struct.Struct(">I")

PoolRecord = namedtuple("PoolRecord", "segment position global_offset payload_bytes raw_bits_in quarantined_bits "
                                      "credited_entropy_bits source_id payload")
PoolRecord.__doc__ = """One record of a pool segment: where it is (segment file, byte position), the global offset of
its first payload byte, the ingest counts it carries, its source id and its payload (uint8, memory-mapped)."""


def read_pool_export(path):
    """The bytes `spinnoise pool take --out FILE` wrote (trng or drbg; the file has no header), memory-mapped
    read-only as numpy uint8."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path, "no such file")
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=np.uint8)
    return np.memmap(path, dtype=np.uint8, mode="r")


def export_bits(data):
    """Bytes as bits (numpy uint8 0/1), most significant bit of each byte first, as bits.bin packs them."""
    return np.unpackbits(np.asarray(data, dtype=np.uint8))


def read_export_raw(path, expected_samples=None):
    """The samples `spinnoise export-raw` wrote (NIST SP 800-90B format: one bit per byte, each 0 or 1)."""
    samples = read_pool_export(path)
    bad = np.flatnonzero(samples > 1)
    if bad.size:
        raise UnknownFormatError(path, "byte %d is %d; export-raw writes one sample per byte, each 0 or 1"
                                 % (bad[0], samples[bad[0]]))
    if expected_samples is not None and samples.size != expected_samples:
        raise TruncatedFileError(path, "holds %d samples, %d expected" % (samples.size, expected_samples))
    return samples


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C_TABLE = _crc32c_table()


def crc32c(data):
    """CRC-32C (Castagnoli) of bytes, as java.util.zip.CRC32C computes it. Pure Python, about 5 MB/s: on a large
    pool, open_pool(path, verify=False) skips it."""
    crc = 0xFFFFFFFF
    table = _CRC32C_TABLE
    for b in bytes(data):
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def open_pool(path, verify=True):
    """Opens a pool directory read only: its cursor and every segment record (CRC-checked when ``verify``)."""
    return Pool(path, verify)


class Pool:
    """A pool directory as files: ``cursor`` (serving state), ``segments/*.seg`` (records) and ``sources``."""

    def __init__(self, path, verify=True):
        self.path = Path(path)
        if not (self.path / "segments").is_dir() and not (self.path / "cursor").is_file():
            raise MissingFileError(self.path, "not an entropy pool: it has neither a cursor nor a segments folder")
        self.cursor = self._read_cursor()
        self.records = []
        for segment in sorted((self.path / "segments").glob("[0-9]" * 8 + ".seg")):
            self.records.extend(self._read_segment(segment, verify))

    def _read_cursor(self):
        file = self.path / "cursor"
        if not file.is_file():
            return None  # a pool nothing was taken from yet, or whose cursor was moved aside
        text = file.read_text(encoding="utf-8")
        split = text.rfind("\ncrc32c ")
        if split < 0:
            raise TruncatedFileError(file, "has no 'crc32c <hex>' line after its JSON line")
        json_text, crc = text[:split], text[split + len("\ncrc32c "):].strip()
        if crc != "%08x" % crc32c(json_text.encode("utf-8")):
            raise SpinnoiseFormatError(file, "its checksum does not match its JSON line: the cursor is damaged")
        state = json.loads(json_text)
        if state.get("format") not in CURSOR_FORMATS:
            raise UnknownFormatError(file, "cursor format %r, and this reader reads formats %s"
                                     % (state.get("format"), " and ".join(map(str, CURSOR_FORMATS))))
        return state

    def _read_segment(self, segment, verify):
        size = segment.stat().st_size
        data = np.memmap(segment, dtype=np.uint8, mode="r") if size else np.zeros(0, dtype=np.uint8)
        raw = data.tobytes() if verify else None
        position = 0
        records = []
        while position < size:
            if size - position < _HEADER.size + _CRC.size:
                raise TruncatedFileError(segment, "ends %d bytes into a record at byte %d (an append cut short; "
                                                  "opening the pool with spinnoise recovers it)"
                                         % (size - position, position))
            magic, version, offset, length, raw_in, quarantined, credited, id_len = _HEADER.unpack(
                bytes(data[position:position + _HEADER.size]))
            if magic != _MAGIC:
                raise SpinnoiseFormatError(segment, "byte %d does not start a record (no SPNP magic)" % position)
            if version != RECORD_VERSION:
                raise UnknownFormatError(segment, "record at byte %d is version %d, this reader reads version %d"
                                         % (position, version, RECORD_VERSION))
            payload_at = position + _HEADER.size + id_len
            end = payload_at + length + _CRC.size
            if end > size:
                raise TruncatedFileError(segment, "the record at byte %d needs %d bytes, the file ends after %d"
                                         % (position, end - position, size - position))
            if verify:
                (stored,) = _CRC.unpack(raw[end - _CRC.size:end])
                if crc32c(raw[position:end - _CRC.size]) != stored:
                    raise SpinnoiseFormatError(segment, "the record at byte %d fails its CRC-32C: damaged bytes"
                                               % position)
            source_id = bytes(data[position + _HEADER.size:payload_at]).decode("utf-8")
            records.append(PoolRecord(segment.name, position, offset, length, raw_in, quarantined, credited,
                                      source_id, data[payload_at:payload_at + length]))
            position = end
        return records

    @property
    def served_end(self):
        """Global offset up to which bytes were served (0 when the pool has no cursor yet)."""
        return self.cursor["servedEnd"] if self.cursor else 0

    @property
    def reserved_end(self):
        """Global offset up to which bytes may have been served; bytes from here on were never given out."""
        return self.cursor["reservedEnd"] if self.cursor else 0

    @property
    def appended_end(self):
        """Global offset just past the last payload byte on disk."""
        return max([r.global_offset + r.payload_bytes for r in self.records], default=0)

    def sources(self):
        """The source ids the pool has taken in (``sources``, one per line), in the order they were claimed."""
        file = self.path / "sources"
        if not file.is_file():
            return []
        return [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]

    def payload(self, start=0, stop=None):
        """The pool's bytes at global offsets [start, stop) as numpy uint8 (``pool take`` in trng mode serves them
        in this order). Raises SpinnoiseFormatError when part of the range is in no record (compacted or lost)."""
        stop = self.appended_end if stop is None else stop
        parts = []
        at = start
        for r in sorted(self.records, key=lambda r: r.global_offset):
            r_end = r.global_offset + r.payload_bytes
            if r_end <= at or r.global_offset >= stop:
                continue
            if r.global_offset > at:
                break
            parts.append(r.payload[at - r.global_offset:min(stop, r_end) - r.global_offset])
            at = min(stop, r_end)
        if at < stop:
            raise SpinnoiseFormatError(self.path, "no record holds global offset %d (asked for %d..%d): compacted "
                                                  "away, or lost to damage" % (at, start, stop))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint8)
