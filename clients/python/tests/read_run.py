"""Reads a run folder (and optionally a pool export with its pool) with the reader and prints one JSON summary line.

    /usr/bin/python3 read_run.py RUN_DIR [--export FILE --pool POOL_DIR --export-start OFFSET] [--export-raw FILE]

For the Java test that made the files: it compares every figure with what it knows of them. The summary holds the
bit count, the ones counted in bits(), the SHA-256 of the packed bits, the first 64 bits, the first and last read,
whether every read's bit is the run's bit at its index, the key facts of the manifest, the rows of every CSV, the
files checked against the manifest; given a pool export, its size, SHA-256 and whether it equals the pool's payload
from OFFSET; given an export-raw file, its samples and whether they are the run's bits.
"""

import argparse
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import numpy as np  # noqa: E402
from spinnoise_pool import open_pool, read_export_raw, read_pool_export  # noqa: E402
from spinnoise_runs import open_run  # noqa: E402


def read_dict(row):
    return {name: row[name].item() for name in row.dtype.names}


def run_summary(path):
    run = open_run(path)
    bits = run.bits()
    summary = {
        "bit_count": run.bit_count,
        "ones": int(bits.sum(dtype=np.int64)),
        "ones_manifest": run.ones,
        "bits_sha256": run.sha256_of_bits(),
        "first_bits": "".join(str(b) for b in run.bits(0, min(64, run.bit_count))),
        "status": run.status,
        "kind": run.kind,
        "bias": run.bias,
        "health_passed": run.health_passed,
        "threshold_ohms": run.threshold_ohms,
        "v50_volts": run.v50_volts,
        "write_amplitude_volts": run.write_amplitude_volts,
        "instruments": {role: identity.get("model") for role, identity in run.instruments.items()},
        "tool_version": run.tool_version,
        "tables": {name: int(run.table(name).size) for name in run.tables()},
        "verified_files": len(run.verify_files()),
    }
    reads = run.reads()
    summary["reads"] = int(reads.size)
    if reads.size:
        summary["first_read"] = read_dict(reads[0])
        summary["last_read"] = read_dict(reads[-1])
        summary["reads_match_bits"] = bool(reads.size == bits.size and np.array_equal(reads["bit"], bits)
                                           and np.array_equal(reads["index"], np.arange(bits.size)))
    return summary


def export_summary(export, pool_dir, start):
    data = read_pool_export(export)
    pool = open_pool(pool_dir)
    return {
        "bytes": int(data.size),
        "sha256": hashlib.sha256(data.tobytes()).hexdigest(),
        "equals_pool_payload": bool(np.array_equal(data, pool.payload(start, start + data.size))),
        "pool_served_end": pool.served_end,
        "pool_appended_end": pool.appended_end,
        "pool_sources": pool.sources(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run")
    parser.add_argument("--export")
    parser.add_argument("--pool")
    parser.add_argument("--export-start", type=int, default=0)
    parser.add_argument("--export-raw")
    args = parser.parse_args()
    summary = {"run": run_summary(args.run)}
    if args.export:
        summary["export"] = export_summary(args.export, args.pool, args.export_start)
    if args.export_raw:
        run = open_run(args.run)
        samples = read_export_raw(args.export_raw, run.bit_count)
        summary["export_raw"] = {"samples": int(samples.size), "equals_bits": bool(np.array_equal(samples, run.bits()))}
    print(json.dumps(summary, sort_keys=True))


if __name__ == "__main__":
    main()
