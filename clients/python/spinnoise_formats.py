"""The CSV tables of spinnoise run folders as numpy structured arrays, and the reader's exceptions.

Each table the Java code writes is listed in ``TABLES`` with its exact header, the numpy type of every column and the
Java class that writes it (FORMATS.md beside this file describes them). A known table whose header differs from the
one listed is refused with :class:`UnknownFormatError` rather than read with guessed columns; a CSV this module does
not know is read with column types inferred from its values. Python 3 standard library and numpy only.
"""

import csv
import re
import warnings
from collections import namedtuple
from pathlib import Path

import numpy as np


class SpinnoiseFormatError(Exception):
    """A spinnoise file that cannot be read as its format says; ``path`` names the file, ``problem`` says what."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__("%s: %s" % (path, problem))


class MissingFileError(SpinnoiseFormatError):
    """A file the folder should hold is not there."""


class TruncatedFileError(SpinnoiseFormatError):
    """A file ends before what its format (or the manifest) says it holds."""


class UnknownFormatError(SpinnoiseFormatError):
    """A file of a format or format version this reader does not read."""


Table = namedtuple("Table", "columns writer")
Table.__doc__ = """A known CSV: ``columns`` as (name, numpy type) pairs in file order, ``writer`` the Java class."""

_I8, _F8, _U1, _TEXT = "i8", "f8", "u1", "U"

_READS = Table([("index", _I8), ("time_ns", _I8), ("write_amplitude_volts", _F8), ("write_width_seconds", _F8),
                ("resistance_ohms", _F8), ("bit", _U1)], "org.spinnoise.run.BatchRecorder")
_LEVELS = [("intended_bit", _U1), ("resistance_ohms", _F8)]
_THRESHOLD = [("threshold_ohms", _F8), ("guard_low_ohms", _F8), ("guard_high_ohms", _F8), ("parallel_ohms", _F8),
              ("parallel_sigma_ohms", _F8), ("antiparallel_ohms", _F8), ("antiparallel_sigma_ohms", _F8),
              ("parallel_weight", _F8), ("read_error_rate", _F8)]
_SWEEP = [("write_amplitude_volts", _F8), ("write_width_seconds", _F8), ("pulses", _I8), ("switched", _I8),
          ("fraction", _F8), ("fitted_probability", _F8), ("band_low", _F8), ("band_high", _F8)]

# Table name (without a junction-N- prefix) -> its columns and writer.
TABLES = {
    "reads.csv": _READS,
    "sweep-reads.csv": _READS,
    "width-map-reads.csv": _READS,
    "toggle-reads.csv": _READS,
    "profile-check-sweep-reads.csv": _READS,
    "events.csv": Table([("time_ns", _I8), ("kind", _TEXT), ("bits", _I8), ("detail", _TEXT)],
                        "org.spinnoise.run.BatchRecorder"),
    "levels.csv": Table(_LEVELS, "org.spinnoise.run.CalibrationStages"),
    "profile-check-levels.csv": Table(_LEVELS, "org.spinnoise.run.ProfiledAcquisition"),
    "threshold.csv": Table(_THRESHOLD, "org.spinnoise.calibration.ThresholdTable (bench), "
                                       "org.spinnoise.run.BoardCalibrationFiles (board)"),
    "threshold-codes.csv": Table([("threshold_code", _F8), ("guard_low_code", _F8), ("guard_high_code", _F8),
                                  ("parallel_code", _F8), ("parallel_sigma_codes", _F8), ("antiparallel_code", _F8),
                                  ("antiparallel_sigma_codes", _F8), ("parallel_weight", _F8),
                                  ("read_error_rate", _F8), ("read_volts_per_code", _F8)],
                                 "org.spinnoise.run.BoardCalibrationFiles"),
    "threshold-scan.csv": Table([("state", _TEXT), ("threshold_code", _I8), ("pulses", _I8), ("ones", _I8)],
                                "org.spinnoise.run.BoardCalibrationFiles"),
    "sweep.csv": Table(_SWEEP, "org.spinnoise.run.CalibrationTables (bench), "
                               "org.spinnoise.run.BoardCalibrationFiles (board)"),
    "width-map.csv": Table([("write_width_seconds", _F8), ("write_amplitude_volts", _F8), ("pulses", _I8),
                            ("switched", _I8)], "org.spinnoise.calibration.WidthMap"),
    "width-map-fit.csv": Table([("write_width_seconds", _F8), ("v50_volts", _F8), ("v50_ci_low_volts", _F8),
                                ("v50_ci_high_volts", _F8), ("delta_volts", _F8)],
                               "org.spinnoise.calibration.WidthMap"),
    "tracking.csv": Table([("bit_index", _I8), ("time_seconds", _F8), ("junction", _I8), ("window_bits", _I8),
                           ("window_ones", _I8), ("bias", _F8), ("bias_stderr", _F8), ("write_amplitude_volts", _F8),
                           ("adjusted", _U1)], "org.spinnoise.calibration.TrackingCsv (rows: TrackingRow)"),
    "junctions.csv": Table([("junction", _I8), ("bits", _I8), ("ones", _I8), ("bias", _F8),
                            ("health_failures", _I8), ("bits_discarded", _I8), ("v50_volts", _F8),
                            ("write_amplitude_volts", _F8), ("status", _TEXT), ("reason", _TEXT)],
                           "org.spinnoise.run.ArrayAcquisition"),
    "health-blocks.csv": Table([("block", _I8), ("first_bit", _I8), ("bits", _I8), ("ones", _I8),
                                ("apt_count", _I8), ("longest_run", _I8)], "org.spinnoise.run.HealthBlocks"),
    "junction-blocks.csv": Table([("first_bit", _I8), ("bits", _I8), ("junction", _I8)],
                                 "org.spinnoise.run.ArrayAcquisition"),
    "quarantine.csv": Table([("first_raw_bit", _I8), ("bits", _I8), ("offset_in_quarantine_bin", _I8),
                             ("reason", _TEXT)], "org.spinnoise.entropy.ingest.QuarantineFiles"),
    "toggle-map.csv": Table([("write_width_seconds", _F8), ("write_amplitude_volts", _F8), ("pulses", _I8),
                             ("toggled", _I8)], "org.spinnoise.run.ToggleStages"),
    "profile-check.csv": Table([("write_amplitude_volts", _F8), ("write_width_seconds", _F8), ("pulses", _I8),
                                ("switched", _I8), ("fraction", _F8), ("predicted_probability", _F8),
                                ("std_err", _F8), ("z", _F8)], "org.spinnoise.run.ProfiledAcquisition"),
}

# Check reads written beside a resume or a reconnect: the reads table's columns.
_READS_PATTERNS = [re.compile(r"resume-\d+-check\.csv"), re.compile(r"reconnect-\d+-at-bit-\d+-check\.csv")]
_JUNCTION_PREFIX = re.compile(r"^junction-\d+-")


def known_table(name):
    """The :class:`Table` of a run-folder CSV by file name (an array's junction-N- prefix allowed), or None."""
    base = _JUNCTION_PREFIX.sub("", Path(name).name, count=1)
    if base in TABLES:
        return TABLES[base]
    if any(p.fullmatch(base) for p in _READS_PATTERNS):
        return _READS
    return None


def read_csv(path, drop_partial_last_line=False):
    """Reads a run-folder CSV into a numpy structured array (one field per column, one element per row).

    A last line without its line end (a run killed while writing) raises TruncatedFileError, unless
    ``drop_partial_last_line``, which reads the complete lines before it."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path, "no such file")
    data = path.read_bytes()
    if not data:
        raise TruncatedFileError(path, "the file is empty; every spinnoise table starts with a header line")
    if not data.endswith(b"\n"):
        if not drop_partial_last_line or b"\n" not in data:
            raise TruncatedFileError(path, "the last line has no line end, so the file was cut short (a run killed "
                                           "while writing leaves this); drop_partial_last_line=True reads the "
                                           "complete lines before it")
        data = data[:data.rindex(b"\n") + 1]
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as e:
        raise SpinnoiseFormatError(path, "byte %d is not ASCII; spinnoise writes its tables in US-ASCII" % e.start)
    header = text[:text.index("\n")].split(",")
    table = known_table(path.name)
    if table is None:
        return _inferred(path, text, header)
    names = [c[0] for c in table.columns]
    if header != names:
        raise UnknownFormatError(path, "header is %s but %s (written by %s) has %s; it was written by another "
                                       "spinnoise version" % (",".join(header), path.name, table.writer,
                                                              ",".join(names)))
    if all(t != _TEXT for _, t in table.columns):
        return _numeric(path, text, table.columns)
    return _with_text(path, text, table.columns)


def _numeric(path, text, columns):
    dtype = np.dtype(columns)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # numpy warns about a header-only table, which is a valid empty one
        try:
            return np.loadtxt(text.splitlines()[1:], dtype=dtype, delimiter=",", ndmin=1, comments=None)
        except ValueError as e:
            raise SpinnoiseFormatError(path, "a row does not match the header %s (%s)"
                                       % (",".join(dtype.names), str(e).splitlines()[0]))


def _rows(path, text, width):
    rows = list(csv.reader(text.splitlines()[1:]))
    for line, row in enumerate(rows, start=2):
        if len(row) != width:
            raise SpinnoiseFormatError(path, "line %d has %d fields, the header %d" % (line, len(row), width))
    return rows


def _with_text(path, text, columns):
    rows = _rows(path, text, len(columns))
    converted = []
    for line, row in enumerate(rows, start=2):
        try:
            converted.append(tuple(_convert(v, t) for v, (_, t) in zip(row, columns)))
        except ValueError:
            raise SpinnoiseFormatError(path, "line %d: a value is not of its column's type (%s)" % (line, row))
    return np.array(converted, dtype=_sized(columns, converted))


def _convert(value, code):
    if code == _TEXT:
        return value
    if code == _F8:
        return float(value) if value != "" else float("nan")  # an empty number is a value not known (null)
    return int(value)


def _sized(columns, rows):
    """The dtype with each text column as wide as its longest value (at least 1)."""
    fields = []
    for i, (name, code) in enumerate(columns):
        if code == _TEXT:
            code = "U%d" % max([1] + [len(r[i]) for r in rows])
        fields.append((name, code))
    return np.dtype(fields)


def _inferred(path, text, header):
    rows = _rows(path, text, len(header))
    columns = []
    for i, name in enumerate(header):
        values = [r[i] for r in rows]
        columns.append((name, _I8 if _all(values, int) else _F8 if _all(values, float) else _TEXT))
    converted = [tuple(_convert(v, t) for v, (_, t) in zip(r, columns)) for r in rows]
    return np.array(converted, dtype=_sized(columns, converted))


def _all(values, kind):
    try:
        for v in values:
            if v != "" or kind is int:
                kind(v)
        return True
    except ValueError:
        return False
