"""Unit tests of the pool reader on exports and pool directories written here as the Java writers write them.

    cd clients/python && /usr/bin/python3 -m unittest discover -s tests -p 'test_*.py'
"""

import json
import os
import struct
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from spinnoise_formats import (MissingFileError, SpinnoiseFormatError, TruncatedFileError,  # noqa: E402
                               UnknownFormatError)
from spinnoise_pool import crc32c, export_bits, open_pool, read_export_raw, read_pool_export  # noqa: E402


def record(offset, payload, source="run-bits-sha256:ab", raw_bits=800, quarantined=0, credited=512.0, version=1):
    """One segment record as RecordCodec.encode writes it (big-endian, CRC-32C over everything before the CRC)."""
    sid = source.encode("utf-8")
    body = struct.pack(">4sBQIQQdH", b"SPNP", version, offset, len(payload), raw_bits, quarantined, credited,
                       len(sid)) + sid + payload
    return body + struct.pack(">I", crc32c(body))


def cursor(served, reserved, fmt=1):
    """A cursor file as CursorFile.write writes it: a JSON line, then 'crc32c <8 hex digits>'."""
    state = json.dumps({"format": fmt, "servedEnd": served, "reservedEnd": reserved, "bytesDiscardedAtRecovery": 0,
                        "bytesOutByConsumer": {"cli": served}, "ledger": {"compactedThroughSegment": 0}},
                       separators=(",", ":"))
    return "%s\ncrc32c %08x\n" % (state, crc32c(state.encode("utf-8")))


class PoolDirectory(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = Path(tmp.name)
        self.pool = self.tmp / "pool"
        (self.pool / "segments").mkdir(parents=True)
        self.first = bytes(range(100))
        self.second = bytes(range(100, 160))

    def write_pool(self, segment_bytes=None, cursor_text=None):
        data = segment_bytes if segment_bytes is not None else record(0, self.first) + record(100, self.second)
        (self.pool / "segments" / "00000001.seg").write_bytes(data)
        (self.pool / "cursor").write_text(cursor_text if cursor_text is not None else cursor(30, 30))
        (self.pool / "sources").write_text("run-bits-sha256:ab\n")

    def test_crc32c_is_castagnolis(self):
        self.assertEqual(0xE3069283, crc32c(b"123456789"))  # the standard check value of CRC-32C

    def test_records_cursor_and_payload_by_global_offset(self):
        self.write_pool()
        pool = open_pool(self.pool)
        self.assertEqual([0, 100], [r.global_offset for r in pool.records])
        self.assertEqual((800, 0, 512.0, "run-bits-sha256:ab"), tuple(pool.records[0][4:8]))
        self.assertEqual((30, 30, 160), (pool.served_end, pool.reserved_end, pool.appended_end))
        self.assertEqual(self.first[90:] + self.second[:10], pool.payload(90, 110).tobytes())
        self.assertEqual(["run-bits-sha256:ab"], pool.sources())

    def test_an_append_cut_short_is_truncated(self):
        self.write_pool(record(0, self.first) + record(100, self.second)[:-9])
        with self.assertRaises(TruncatedFileError) as e:
            open_pool(self.pool)
        self.assertTrue(e.exception.path.endswith("00000001.seg"))

    def test_a_damaged_record_fails_its_crc(self):
        damaged = bytearray(record(0, self.first))
        damaged[60] ^= 1
        self.write_pool(bytes(damaged))
        with self.assertRaises(SpinnoiseFormatError) as e:
            open_pool(self.pool)
        self.assertIn("fails its CRC-32C", str(e.exception))
        self.assertEqual(1, len(open_pool(self.pool, verify=False).records))

    def test_cursor_formats_1_and_2_are_read_and_3_is_refused(self):
        # format 2 (issue 18) adds bytesTornAtRecovery; nothing this reader uses changed
        for fmt in (1, 2):
            self.write_pool(cursor_text=cursor(30, 40, fmt=fmt))
            self.assertEqual((30, 40), (open_pool(self.pool).served_end, open_pool(self.pool).reserved_end))
        self.write_pool(cursor_text=cursor(30, 30, fmt=3))
        with self.assertRaises(UnknownFormatError):
            open_pool(self.pool)

    def test_another_record_version_is_refused(self):
        self.write_pool(record(0, self.first, version=2))
        with self.assertRaises(UnknownFormatError):
            open_pool(self.pool)

    def test_a_cursor_whose_checksum_fails_is_damaged(self):
        self.write_pool(cursor_text=cursor(30, 30).replace('"servedEnd":30', '"servedEnd":31'))
        with self.assertRaises(SpinnoiseFormatError) as e:
            open_pool(self.pool)
        self.assertIn("checksum does not match", str(e.exception))

    def test_a_range_no_record_holds_is_refused(self):
        self.write_pool(record(0, self.first) + record(120, self.second))
        with self.assertRaises(SpinnoiseFormatError):
            open_pool(self.pool).payload(90, 130)

    def test_a_folder_that_is_no_pool(self):
        with self.assertRaises(MissingFileError):
            open_pool(self.tmp)


class Exports(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = Path(tmp.name)

    def test_a_take_export_is_its_bytes_and_their_bits_msb_first(self):
        (self.tmp / "take.bin").write_bytes(bytes([0xA3, 0x01]))
        data = read_pool_export(self.tmp / "take.bin")
        self.assertEqual([0xA3, 0x01], data.tolist())
        self.assertEqual([1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1], export_bits(data).tolist())

    def test_export_raw_samples_are_zero_or_one(self):
        (self.tmp / "nist.bin").write_bytes(bytes([1, 0, 1]))
        self.assertEqual([1, 0, 1], read_export_raw(self.tmp / "nist.bin", 3).tolist())
        with self.assertRaises(TruncatedFileError):
            read_export_raw(self.tmp / "nist.bin", 4)
        (self.tmp / "bad.bin").write_bytes(bytes([1, 0, 0xA3]))
        with self.assertRaises(UnknownFormatError) as e:
            read_export_raw(self.tmp / "bad.bin")
        self.assertIn("byte 2 is 163", str(e.exception))

    def test_a_missing_export_is_named(self):
        with self.assertRaises(MissingFileError):
            read_pool_export(self.tmp / "none.bin")
        (self.tmp / "empty.bin").write_bytes(b"")
        self.assertEqual(0, read_pool_export(self.tmp / "empty.bin").size)

if __name__ == "__main__":
    unittest.main()
