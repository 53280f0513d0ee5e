"""Draws noise from a running `spinnoise serve` in each mode and checks the replies' metadata.

    /usr/bin/python3 check_modes.py tcp://127.0.0.1:5555

Prints KEY=VALUE lines (read by the Java test that starts the service) and exits non-zero on the first failed check.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from spinnoise_client import NoiseClient, NoiseServiceError  # noqa: E402


def check(condition, message):
    if not condition:
        print("FAILED: " + message)
        sys.exit(1)


def moments_ok(x):
    # 5 standard errors of the mean and of the variance of N(0, 1)
    n = x.size
    return abs(x.mean()) < 5 / np.sqrt(n) and abs(x.var() - 1) < 5 * np.sqrt(2.0 / n)


def main(endpoint):
    check("torch" not in sys.modules, "importing the client must not import torch")
    with NoiseClient(endpoint, chunk_bytes=4096, in_flight=4) as client:
        limits = client.ping()
        print("modes=" + ",".join(limits["modes"]))
        check(limits["protocol"] == 1, "protocol %r" % limits)

        x = client.normals((8, 256), mode="trng")
        draw = client.last_draw
        check(x.dtype == np.float32 and x.shape == (8, 256), "trng array %s %s" % (x.dtype, x.shape))
        check(all(r.mode == "trng" for r in draw.replies), "trng replies say trng")
        check(all(r.hardware_bits == 32 * r.count for r in draw.replies), "32 pool bits per trng normal")
        check(all(r.stream_advance == 4 * r.count for r in draw.replies), "trng advance is 4 bytes per normal")
        check(moments_ok(x), "trng moments mean %.4f var %.4f" % (x.mean(), x.var()))
        print("trng_normals=%d trng_hardware_bits=%d trng_first_position=%d" % (
            x.size, draw.hardware_bits, draw.replies[0].stream_position))

        b = client.random_bytes(1000, mode="trng")
        check(client.last_draw.hardware_bits == 8000, "8 pool bits per trng byte")
        check(client.last_draw.replies[0].stream_position == draw.replies[-1].stream_position
              + draw.replies[-1].stream_advance, "the trng stream continues without a gap")
        print("trng_bytes=%d" % b.size)

        y = client.normals(20000, mode="drbg")
        check(all(r.mode == "drbg" for r in client.last_draw.replies), "drbg replies say drbg")
        check(client.last_draw.hardware_bits == 384, "a fresh drbg stream takes one 48-byte seed, got %d bits"
              % client.last_draw.hardware_bits)
        check(moments_ok(y), "drbg moments mean %.4f var %.4f" % (y.mean(), y.var()))
        print("drbg_normals=%d drbg_hardware_bits=%d" % (y.size, client.last_draw.hardware_bits))

        z = client.normals(20000, mode="prng")
        check(all(r.mode == "prng" for r in client.last_draw.replies), "prng replies say prng")
        check(client.last_draw.hardware_bits == 0, "prng uses no pool bits")
        check(moments_ok(z), "prng moments mean %.4f var %.4f" % (z.mean(), z.var()))
        print("prng_normals=%d prng_hardware_bits=0" % z.size)

    # A client whose chunks are larger than the server's reply limit is told so.
    with NoiseClient(endpoint, chunk_bytes=2 * limits["max_reply_bytes"]) as greedy:
        try:
            greedy.normals(limits["max_reply_bytes"] // 4 + 1, mode="prng")
            check(False, "an oversized request was served")
        except NoiseServiceError as e:
            check(e.code == "oversized", "oversized error, got " + e.code)
            print("oversized_error=" + e.code)
    check("torch" not in sys.modules, "drawing noise must not import torch")
    print("check=ok")


if __name__ == "__main__":
    main(sys.argv[1])
