"""Draws 100 prng normals from a CURVE-protected `spinnoise serve` with certificate files.

    /usr/bin/python3 curve_client.py ENDPOINT SERVER.key CLIENT.key_secret TIMEOUT_MS

Prints drawn=100 on success; prints refused=<code> and exits 3 when the service does not answer this key.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from spinnoise_client import NoiseClient, NoiseServiceError  # noqa: E402


def main(endpoint, server_cert, client_cert, timeout_ms):
    try:
        with NoiseClient.with_certificates(endpoint, server_cert, client_cert, timeout_ms=int(timeout_ms)) as client:
            x = client.normals(100, mode="prng")
            print("drawn=%d" % x.size)
            return 0
    except NoiseServiceError as e:
        print("refused=%s %s" % (e.code, e))
        return 3


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
