"""Unit tests of the run-folder reader on folders written here byte for byte as the Java writers write them.

    cd clients/python && /usr/bin/python3 -m unittest discover -s tests -p 'test_*.py'

The end-to-end check on a real run folder is ReaderRoundTripTest (Java), which runs read_run.py.
"""

import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from spinnoise_formats import read_csv  # noqa: E402
from spinnoise_runs import (MissingFileError, SpinnoiseFormatError, TruncatedFileError,  # noqa: E402
                            UnknownFormatError, _describe, open_run)

READS_HEADER = "index,time_ns,write_amplitude_volts,write_width_seconds,resistance_ohms,bit\n"
# 13 bits MSB first: 1010 0011 1100 0, the last byte zero-padded (as BatchRecorder pads it).
PACKED = bytes([0b1010_0011, 0b1100_0000])
BITS = [1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]


def manifest(bits=13, ones=6, reads_file="reads.csv", kind="bench", **extra):
    m = {"format": 2, "tool": {"name": "spinnoise", "version": "0.1.0-test", "java": "17"},
         "run": {"kind": kind, "started": "2026-12-07T07:00:00Z", "status": "complete",
                 "finished": "2026-12-07T07:01:00Z"},
         "instruments": {"pulse": {"model": "33622A"}, "smu": {"model": "MODEL 2450"}},
         "calibration": {"threshold_ohms": 2700.0, "sweep_fit": {"v50Volts": 0.5, "deltaVolts": 0.015},
                         "operating_point": {"write": {"amplitudeVolts": 0.5, "widthSeconds": 2e-08}}},
         "acquisition": {"bits_file": "bits.bin (MSB first, zero-padded)", "reads_file": reads_file,
                         "events_file": "events.csv", "requested_bits": bits, "bits": bits, "ones": ones,
                         "health_passed": True}}
    m.update(extra)
    return m


def reads_csv(bits):
    lines = [READS_HEADER]
    for i, b in enumerate(bits):
        lines.append("%d,%d,0.5,2.0E-8,%s,%d\n" % (i, 1000 * i, "4100.5" if b else "2000.25", b))
    return "".join(lines)


class Folder:
    """A run folder in a temporary directory, written file by file."""

    def __init__(self, test):
        tmp = tempfile.TemporaryDirectory()
        test.addCleanup(tmp.cleanup)
        self.path = Path(tmp.name) / "20261207-070000-test"
        self.path.mkdir()

    def write(self, name, content):
        data = content if isinstance(content, bytes) else content.encode("ascii")
        (self.path / name).write_bytes(data)
        return self

    def manifest(self, m):
        return self.write("manifest.json", json.dumps(m, indent=2))

    def complete(self):
        return self.manifest(manifest()).write("bits.bin", PACKED).write("reads.csv", reads_csv(BITS))


class BitsAndReads(unittest.TestCase):
    def test_bits_are_unpacked_msb_first_and_stop_at_the_manifest_count(self):
        run = open_run(Folder(self).complete().path)
        self.assertEqual(BITS, run.bits().tolist())
        self.assertEqual(np.uint8, run.bits().dtype)
        self.assertEqual(BITS[3:12], run.bits(3, 12).tolist())
        self.assertEqual(BITS[9:13], run.bits(9).tolist())
        self.assertEqual(2, run.packed_bits().size)
        with self.assertRaises(ValueError):
            run.bits(0, 14)

    def test_reads_are_a_structured_array_with_every_column(self):
        reads = open_run(Folder(self).complete().path).reads()
        self.assertEqual(13, reads.size)
        self.assertEqual(BITS, reads["bit"].tolist())
        self.assertEqual(12000, reads["time_ns"][-1])
        self.assertEqual(2e-8, reads["write_width_seconds"][0])
        self.assertEqual(4100.5, reads["resistance_ohms"][0])

    def test_key_facts_come_from_the_manifest(self):
        run = open_run(Folder(self).complete().path)
        self.assertEqual(("complete", "bench", 13, 6), (run.status, run.kind, run.bit_count, run.ones))
        self.assertAlmostEqual(6 / 13 - 0.5, run.bias)
        self.assertEqual({"pulse": {"model": "33622A"}, "smu": {"model": "MODEL 2450"}}, run.instruments)
        self.assertEqual((2700.0, 0.5, 0.5), (run.threshold_ohms, run.v50_volts, run.write_amplitude_volts))
        self.assertEqual("2026-12-07T07:01:00Z", run.outcome.finished)

    def test_the_command_line_summary_has_the_facts_and_each_tables_rows(self):
        text = _describe(Folder(self).complete().path)
        self.assertIn("bench run, complete (spinnoise 0.1.0-test)", text)
        self.assertIn("bits 13, ones 6, bias -0.0385, health tests passed", text)
        self.assertRegex(text, r"reads\.csv +13 rows")

    def test_a_board_run_says_it_has_no_reads(self):
        folder = Folder(self).manifest(manifest(reads_file=None, kind="board")).write("bits.bin", PACKED)
        with self.assertRaises(MissingFileError) as e:
            open_run(folder.path).reads()
        self.assertIn("board run records no reads", str(e.exception))

    def test_verify_files_finds_a_file_changed_after_the_run(self):
        folder = Folder(self).complete()
        files = {"bits.bin": {"bytes": 2, "sha256": "0" * 64}}
        folder.manifest(manifest(files=files))
        with self.assertRaises(SpinnoiseFormatError) as e:
            open_run(folder.path).verify_files()
        self.assertIn("bits.bin", e.exception.path)
        self.assertIn("SHA-256 differs", str(e.exception))

    def test_an_array_run_gives_each_junctions_bits(self):
        folder = Folder(self).complete().write("junction-blocks.csv", "first_bit,bits,junction\n0,4,1\n4,4,0\n"
                                                                      "8,5,1\n")
        run = open_run(folder.path)
        self.assertEqual(BITS[0:4] + BITS[8:13], run.junction_bits(1).tolist())
        self.assertEqual(BITS[4:8], run.junction_bits(0).tolist())


class Errors(unittest.TestCase):
    def test_a_folder_without_manifest_is_not_a_run(self):
        folder = Folder(self).write("bits.bin", PACKED)
        with self.assertRaises(MissingFileError) as e:
            open_run(folder.path)
        self.assertTrue(e.exception.path.endswith("manifest.json"), e.exception.path)
        self.assertIn("not a run folder", str(e.exception))

    def test_a_missing_folder_is_named(self):
        with self.assertRaises(MissingFileError) as e:
            open_run("/nonexistent/run")
        self.assertEqual("/nonexistent/run: no such folder", str(e.exception))

    def test_a_damaged_manifest_is_not_json(self):
        folder = Folder(self).write("manifest.json", '{"format": 2, "run": {')
        with self.assertRaises(SpinnoiseFormatError) as e:
            open_run(folder.path)
        self.assertIn("not valid JSON", str(e.exception))

    def test_manifest_formats_other_than_2_are_refused(self):
        old = manifest()
        del old["format"]
        with self.assertRaises(UnknownFormatError) as e:
            open_run(Folder(self).manifest(old).path)
        self.assertIn("format 1", str(e.exception))
        with self.assertRaises(UnknownFormatError) as e:
            open_run(Folder(self).manifest(manifest(format=3)).path)
        self.assertIn("format 3", str(e.exception))
        self.assertIn("0.1.0-test", str(e.exception))

    def test_bits_shorter_than_the_manifest_says_are_truncated(self):
        folder = Folder(self).complete().write("bits.bin", PACKED[:1])
        with self.assertRaises(TruncatedFileError) as e:
            open_run(folder.path).bits()
        self.assertTrue(e.exception.path.endswith("bits.bin"))
        self.assertIn("holds 1 bytes (8 bits) but the manifest confirms 13 bits", str(e.exception))

    def test_missing_bits_are_named(self):
        folder = Folder(self).manifest(manifest())
        with self.assertRaises(MissingFileError) as e:
            open_run(folder.path).bits()
        self.assertTrue(e.exception.path.endswith("bits.bin"))

    def test_a_table_cut_mid_line_is_truncated(self):
        folder = Folder(self).complete().write("reads.csv", reads_csv(BITS)[:-7])
        with self.assertRaises(TruncatedFileError) as e:
            open_run(folder.path).reads()
        self.assertIn("cut short", str(e.exception))
        self.assertEqual(BITS[:12], open_run(folder.path).reads(drop_partial_last_line=True)["bit"].tolist())

    def test_a_row_that_does_not_match_its_header_is_named(self):
        folder = Folder(self).complete().write("reads.csv", READS_HEADER + "0,1,0.5,2.0E-8\n")
        with self.assertRaises(SpinnoiseFormatError) as e:
            open_run(folder.path).reads()
        self.assertIn("does not match the header", str(e.exception))

    def test_a_known_table_with_other_columns_is_another_format(self):
        folder = Folder(self).complete().write("reads.csv", "index,bit\n0,1\n")
        with self.assertRaises(UnknownFormatError) as e:
            open_run(folder.path).reads()
        self.assertIn("org.spinnoise.run.BatchRecorder", str(e.exception))


class Tables(unittest.TestCase):
    def test_text_columns_keep_quoted_commas_and_empty_numbers_are_nan(self):
        folder = Folder(self).write("junctions.csv", "junction,bits,ones,bias,health_failures,bits_discarded,"
                                    "v50_volts,write_amplitude_volts,status,reason\n"
                                    "0,100,49,-0.01,0,0,0.5,0.5,kept,\"\"\n"
                                    "1,0,0,,0,0,,,not-calibrated,\"sweep failed, no fit\"\n")
        table = read_csv(folder.path / "junctions.csv")
        self.assertEqual(["kept", "not-calibrated"], table["status"].tolist())
        self.assertEqual("sweep failed, no fit", table["reason"][1])
        self.assertTrue(np.isnan(table["bias"][1]))
        self.assertEqual(np.int64, table["bits"].dtype)

    def test_a_junctions_prefixed_table_has_its_tables_columns(self):
        folder = Folder(self).write("junction-2-sweep-reads.csv", reads_csv([1, 0]))
        self.assertEqual([1, 0], read_csv(folder.path / "junction-2-sweep-reads.csv")["bit"].tolist())

    def test_a_header_only_table_is_empty(self):
        folder = Folder(self).write("events.csv", "time_ns,kind,bits,detail\n")
        self.assertEqual(0, read_csv(folder.path / "events.csv").size)

    def test_an_unknown_table_gets_inferred_types(self):
        folder = Folder(self).write("extra.csv", "n,x,name\n1,2.5,a\n2,,b\n")
        table = read_csv(folder.path / "extra.csv")
        self.assertEqual((np.int64, np.float64), (table["n"].dtype, table["x"].dtype))
        self.assertEqual(["a", "b"], table["name"].tolist())


if __name__ == "__main__":
    unittest.main()
