"""A client written from PROTOCOL.md alone (raw pyzmq, not spinnoise_client) that stops reading for a while.

    /usr/bin/python3 slow_reader.py ENDPOINT FIRST_REQUESTS STALL_SECONDS LATER_REQUESTS

Sends FIRST_REQUESTS requests for 65,536 prng normals each, takes nothing from its socket for STALL_SECONDS (longer
than the server's idle timeout), sends LATER_REQUESTS more, then reads until every request has its reply. Prints
KEY=VALUE lines: how many requests were answered with data, refused (by code) and left unanswered; exits non-zero
if any request got no reply or two.
"""

import struct
import sys
import time

import zmq

REQUEST = struct.Struct(">2sBBB3xII")
REPLY = struct.Struct(">2sBBBB2xIIQQQ")
NORMALS, PRNG = 1, 3
COUNT = 65536


def main(endpoint, first, stall_s, later):
    context = zmq.Context()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    # Take as little as ZeroMQ allows while not reading, so the replies back up to the server.
    socket.setsockopt(zmq.RCVHWM, 1)
    socket.setsockopt(zmq.RCVBUF, 4096)
    socket.connect(endpoint)
    ids = list(range(1, first + 1)) + list(range(1001, 1001 + later))
    for request_id in ids[:first]:
        socket.send(REQUEST.pack(b"SN", 1, NORMALS, PRNG, request_id, COUNT))
    time.sleep(stall_s)
    for request_id in ids[first:]:
        socket.send(REQUEST.pack(b"SN", 1, NORMALS, PRNG, request_id, COUNT))
    answers = {}
    poller = zmq.Poller()
    poller.register(socket, zmq.POLLIN)
    deadline = time.monotonic() + 30
    while len(answers) < len(ids) and time.monotonic() < deadline:
        if not poller.poll(1000):
            continue
        frames = socket.recv_multipart()
        magic, version, rtype, mode, error, request_id, count, _, _, _ = REPLY.unpack(frames[0])
        if request_id in answers:
            print("FAILED: request %d answered twice" % request_id)
            sys.exit(1)
        if error == 0 and (count != COUNT or len(frames[1]) != 4 * COUNT):
            print("FAILED: reply to %d holds %d normals in %d bytes" % (request_id, count, len(frames[1])))
            sys.exit(1)
        answers[request_id] = error
    missing = [i for i in ids if i not in answers]
    refused = sorted(e for e in answers.values() if e != 0)
    print("sent=%d answered=%d data=%d refused=%s missing=%d" % (
        len(ids), len(answers), sum(1 for e in answers.values() if e == 0), ",".join(map(str, refused)) or "none",
        len(missing)))
    socket.close(0)
    context.term()
    if missing:
        print("FAILED: no reply to requests %s" % missing)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
