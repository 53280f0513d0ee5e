"""Reads spinnoise run folders (``spinnoise acquire``, ``board``, ``demo``, ``calibrate``) into numpy arrays.

    from spinnoise_runs import open_run
    run = open_run("runs/20261207-072654-acquire")
    print(run.status, run.bit_count, run.bias, run.instruments["smu"]["model"])
    bits = run.bits()                     # numpy uint8, one 0/1 per bit, exactly run.bit_count of them
    reads = run.reads()                   # structured array: index, time_ns, write_amplitude_volts, ..., bit
    sweep = run.table("sweep.csv")        # any CSV of the folder by name
    print(reads["resistance_ohms"].mean(), sweep["fraction"])

Python 3 standard library and numpy only. The formats, each with the Java class that writes it, are in FORMATS.md
beside this file. Errors raise :class:`SpinnoiseFormatError` subclasses naming the file and what is wrong.
"""

import hashlib
import json
from collections import namedtuple
from pathlib import Path

import numpy as np

from spinnoise_formats import (TABLES, MissingFileError, SpinnoiseFormatError, TruncatedFileError,
                               UnknownFormatError, read_csv)

__all__ = ["open_run", "Run", "Outcome", "SpinnoiseFormatError", "MissingFileError", "TruncatedFileError",
           "UnknownFormatError", "MANIFEST_FORMAT"]

#: The manifest format this reader reads (org.spinnoise.run.RunManifest.FORMAT).
MANIFEST_FORMAT = 2
MANIFEST = "manifest.json"
BITS_FILE = "bits.bin"
QUARANTINE_BITS = "quarantine.bin"

Outcome = namedtuple("Outcome", "status error stopped_by started finished")
Outcome.__doc__ = """How a run ended: status ("running", "complete", "failed", "interrupted"), error, who stopped it,
and the ISO-8601 start and finish times (None where the manifest has none)."""


def open_run(path):
    """Opens the run folder at ``path``: reads and checks its manifest; the data files are read when asked for."""
    return Run(path)


def _read_manifest(folder):
    file = folder / MANIFEST
    if not folder.is_dir():
        raise MissingFileError(folder, "no such folder")
    if not file.is_file():
        raise MissingFileError(file, "not a run folder: %s has no %s" % (folder, MANIFEST))
    try:
        manifest = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise SpinnoiseFormatError(file, "not valid JSON (%s); the run folder's manifest is damaged" % e)
    if not isinstance(manifest, dict):
        raise SpinnoiseFormatError(file, "not a run manifest (not a JSON object)")
    if "format" not in manifest:
        raise UnknownFormatError(file, "format 1 (the untyped manifest spinnoise wrote before format 2); this "
                                       "reader reads format %d" % MANIFEST_FORMAT)
    if manifest["format"] != MANIFEST_FORMAT:
        version = (manifest.get("tool") or {}).get("version", "unknown")
        raise UnknownFormatError(file, "format %r, and this reader reads format %d; use the reader of the "
                                       "spinnoise version that wrote it (%s)"
                                 % (manifest["format"], MANIFEST_FORMAT, version))
    return manifest


class Run:
    """One run folder: its manifest as a dict, typed accessors for the key facts, and its data files as arrays."""

    def __init__(self, path):
        self.path = Path(path)
        self.manifest = _read_manifest(self.path)

    def __repr__(self):
        return "Run(%r, status=%r, bits=%d)" % (str(self.path), self.status, self.bit_count)

    # -- key facts from the manifest --------------------------------------------------------------------------------

    def _section(self, name):
        return self.manifest.get(name) or {}

    @property
    def kind(self):
        """"bench", "bench-array", "board", "board-array" or "calibration" (None when the run never started)."""
        return self._section("run").get("kind")

    @property
    def status(self):
        """The run's status word, "unknown" when it never started (as RunManifest.status())."""
        return self._section("run").get("status") or "unknown"

    @property
    def outcome(self):
        r = self._section("run")
        return Outcome(self.status, r.get("error"), r.get("stopped_by"), r.get("started"), r.get("finished"))

    @property
    def tool_version(self):
        return self._section("tool").get("version")

    @property
    def bit_count(self):
        """Confirmed bits of the run (acquisition.bits; 0 before the acquisition began): the length of bits()."""
        return int(self._section("acquisition").get("bits", 0))

    @property
    def ones(self):
        return int(self._section("acquisition").get("ones", 0))

    @property
    def bias(self):
        """Ones fraction minus one half (None with no bits); the manifest's own figure once the run has ended."""
        acquisition = self._section("acquisition")
        if acquisition.get("bias") is not None:
            return float(acquisition["bias"])
        return None if self.bit_count == 0 else self.ones / self.bit_count - 0.5

    @property
    def health_passed(self):
        return self._section("acquisition").get("health_passed")

    @property
    def instruments(self):
        """Who made the bits, by role: a bench's {"pulse": identity, "smu": identity} (``*IDN?`` fields), a board's
        {"board": its HELLO}, an array's {"junction-N-pulse": ..., "junction-N-smu": ...}; {} when none is known."""
        found = {}
        bench = self._section("instruments")
        for role in ("pulse", "smu"):
            if bench.get(role):
                found[role] = bench[role]
        board = self._section("board")
        if board.get("hello"):
            found["board"] = board["hello"]
        for j in self._section("array").get("junctions", []):
            for role in ("pulse", "smu"):
                if j.get(role):
                    found["junction-%d-%s" % (j["junction"], role)] = j[role]
        return found

    @property
    def calibration(self):
        """The calibration section: a bench's ``calibration``, else a board's ``board.calibration``; None if none."""
        return self.manifest.get("calibration") or self._section("board").get("calibration")

    @property
    def threshold_ohms(self):
        """A bench run's read threshold in ohms (None on a board, whose threshold is a read-DAC code)."""
        return (self.manifest.get("calibration") or {}).get("threshold_ohms")

    @property
    def v50_volts(self):
        """The sweep fit's V50 (amplitude switching half the time), bench or board; None before the sweep."""
        fit = (self.calibration or {}).get("sweep_fit") or {}
        return fit.get("v50Volts")

    @property
    def write_amplitude_volts(self):
        """The write amplitude the bits were made at (the source's provenance; the calibrated one before that)."""
        write = (self._section("acquisition").get("source_provenance") or {}).get("write") or {}
        if "amplitudeVolts" in write:
            return write["amplitudeVolts"]
        point = (self.manifest.get("calibration") or {}).get("operating_point") or {}
        return (point.get("write") or {}).get("amplitudeVolts")

    @property
    def files(self):
        """The manifest's data files: {name: (bytes, sha256 hex)} as listed when the run was last closed."""
        return {name: (e["bytes"], e["sha256"]) for name, e in (self.manifest.get("files") or {}).items()}

    # -- data files -------------------------------------------------------------------------------------------------

    def file(self, name):
        """The path of a file of the folder, checked to exist."""
        path = self.path / name
        if not path.is_file():
            raise MissingFileError(path, "no such file in run folder %s" % self.path)
        return path

    def packed_bits(self):
        """bits.bin memory-mapped read-only: ceil(bit_count / 8) bytes, bits MSB first, the last byte zero-padded."""
        n = self.bit_count
        need = (n + 7) // 8
        if n == 0:
            return np.zeros(0, dtype=np.uint8)
        path = self.file(BITS_FILE)
        size = path.stat().st_size
        if size < need:
            raise TruncatedFileError(path, "holds %d bytes (%d bits) but the manifest confirms %d bits (%d bytes)"
                                     % (size, size * 8, n, need))
        return np.memmap(path, dtype=np.uint8, mode="r", shape=(need,))

    def bits(self, start=0, stop=None):
        """Bits [start, stop) of the run as a numpy uint8 array of 0 and 1 (all bit_count of them by default)."""
        n = self.bit_count
        stop = n if stop is None else stop
        if not 0 <= start <= stop <= n:
            raise ValueError("bits(%d, %d) is outside the run's %d bits" % (start, stop, n))
        if start == stop:
            return np.zeros(0, dtype=np.uint8)
        packed = self.packed_bits()[start // 8:(stop + 7) // 8]
        skip = start % 8
        return np.unpackbits(packed, count=skip + stop - start)[skip:]

    def sha256_of_bits(self):
        """SHA-256 of the packed bits.bin (as the pool's source id run-bits-sha256:... names the run's bits)."""
        return hashlib.sha256(self.packed_bits().tobytes()).hexdigest()

    def reads(self, name="reads.csv", drop_partial_last_line=False):
        """Every read of the acquisition (or of another reads table, e.g. "sweep-reads.csv") as a structured array:
        index, time_ns, write_amplitude_volts, write_width_seconds, resistance_ohms, bit. A killed run's table may end
        in a line cut short: TruncatedFileError, or with ``drop_partial_last_line`` the complete lines."""
        if name == "reads.csv" and self._section("acquisition") and not self._section("acquisition").get(
                "reads_file"):
            raise MissingFileError(self.path / name, "this %s run records no reads (its manifest's "
                                                      "acquisition.reads_file is null: a board reports bits, "
                                                      "not resistances)" % (self.kind or "unknown"))
        return read_csv(self.file(name), drop_partial_last_line)

    def events(self):
        """The source's events (ambiguous reads, reconnects, discarded bits, ...): time_ns, kind, bits, detail."""
        return read_csv(self.file("events.csv"))

    def table(self, name, drop_partial_last_line=False):
        """Any CSV of the folder by file name, e.g. "levels.csv", "threshold.csv", "sweep.csv", "tracking.csv"."""
        return read_csv(self.file(name), drop_partial_last_line)

    def tables(self):
        """The names of the folder's CSV files (sub-folders included, as relative paths)."""
        return sorted(str(p.relative_to(self.path)) for p in self.path.rglob("*.csv"))

    def json(self, name):
        """A JSON file of the folder (e.g. "assessment.json") as a dict."""
        path = self.file(name)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise SpinnoiseFormatError(path, "not valid JSON (%s)" % e)

    def quarantine(self):
        """The bits a pool ingest set aside: (quarantine.csv rows, quarantine.bin memory-mapped, packed MSB first).
        Row i's bits are packed[row["offset_in_quarantine_bin"]:][:row["bits"] // 8]. The files exist only when
        something was quarantined; without them both are empty."""
        if not (self.path / "quarantine.csv").exists():
            columns = TABLES["quarantine.csv"].columns
            return (np.zeros(0, dtype=[(name, kind if kind != "U" else "U1") for name, kind in columns]),
                    np.zeros(0, dtype=np.uint8))
        index = read_csv(self.file("quarantine.csv"))
        path = self.file(QUARANTINE_BITS)
        size = path.stat().st_size
        need = int((index["offset_in_quarantine_bin"] + index["bits"] // 8).max()) if index.size else 0
        if size < need:
            raise TruncatedFileError(path, "holds %d bytes but quarantine.csv lists blocks up to byte %d"
                                     % (size, need))
        packed = np.memmap(path, dtype=np.uint8, mode="r") if size else np.zeros(0, dtype=np.uint8)
        return index, packed

    def junction_bits(self, junction):
        """An array run's bits made by one junction, in order (junction-blocks.csv says which made each stretch)."""
        blocks = read_csv(self.file("junction-blocks.csv"))
        mine = blocks[blocks["junction"] == junction]
        bits = self.bits()
        if mine.size and int((mine["first_bit"] + mine["bits"]).max()) > bits.size:
            raise TruncatedFileError(self.path / BITS_FILE, "junction-blocks.csv lists bits past the %d confirmed"
                                     % bits.size)
        if not mine.size:
            return np.zeros(0, dtype=np.uint8)
        return np.concatenate([bits[b["first_bit"]:b["first_bit"] + b["bits"]] for b in mine])

    def verify_files(self):
        """Checks every file the manifest lists against its recorded size and SHA-256; returns the names checked.
        Raises MissingFileError or SpinnoiseFormatError naming the first file that differs."""
        checked = []
        for name, (size, sha256) in sorted(self.files.items()):
            path = self.file(name)
            if path.stat().st_size != size:
                raise SpinnoiseFormatError(path, "is %d bytes, the manifest recorded %d" % (path.stat().st_size, size))
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            if digest.hexdigest() != sha256:
                raise SpinnoiseFormatError(path, "its SHA-256 differs from the manifest's: the file changed after "
                                                 "the run recorded it")
            checked.append(name)
        return checked


def _describe(path):
    """A few lines about a run folder: what `python3 spinnoise_runs.py RUN` prints."""
    run = open_run(path)
    lines = ["%s  %s run, %s (spinnoise %s)" % (run.path, run.kind, run.status, run.tool_version)]
    if run.outcome.error:
        lines.append("error: %s" % run.outcome.error)
    bias = "n/a" if run.bias is None else "%+.4f" % run.bias
    health = {True: "passed", False: "failed", None: "not run"}[run.health_passed]
    lines.append("bits %d, ones %d, bias %s, health tests %s" % (run.bit_count, run.ones, bias, health))
    for role, identity in sorted(run.instruments.items()):
        lines.append("%-16s %s" % (role, identity.get("raw") or " ".join(str(identity.get(k, "")) for k in
                                                                        ("serial", "firmware"))))
    if run.v50_volts is not None:
        lines.append("V50 %.5f V, write amplitude %s V" % (run.v50_volts, run.write_amplitude_volts))
    for name in run.tables():
        lines.append("%-32s %d rows" % (name, run.table(name, drop_partial_last_line=True).size))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print("usage: python3 spinnoise_runs.py RUN_FOLDER   (prints the run's key facts and its tables' rows)")
        sys.exit(0 if len(sys.argv) == 2 else 2)
    try:
        print(_describe(sys.argv[1]))
    except SpinnoiseFormatError as e:
        print("spinnoise_runs: %s" % e, file=sys.stderr)
        sys.exit(1)
