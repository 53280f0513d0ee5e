"""Draws raw trng bytes from a running `spinnoise serve` and saves them with each reply's stream position.

    /usr/bin/python3 draw_bytes.py ENDPOINT COUNT CHUNK_BYTES OUT

Writes OUT (the bytes, in reply order) and OUT.replies (one line per reply: position count), for a test that checks
them against the pool's content.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from spinnoise_client import NoiseClient  # noqa: E402


def main(endpoint, count, chunk, out):
    with NoiseClient(endpoint, chunk_bytes=chunk, in_flight=4) as client:
        data = client.random_bytes(count, mode="trng")
        draw = client.last_draw
    with open(out, "wb") as f:
        f.write(data.tobytes())
    with open(out + ".replies", "w") as f:
        for r in draw.replies:
            f.write("%d %d\n" % (r.stream_position, r.count))
    print("bytes=%d replies=%d hardware_bits=%d" % (data.size, len(draw.replies), draw.hardware_bits))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
