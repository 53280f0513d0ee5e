"""Checks the edges of PROTOCOL.md against a running service, as a client written from that document alone would
see them (raw pyzmq, not spinnoise_client).

    /usr/bin/python3 protocol_edges.py ENDPOINT

The service must serve prng and not trng, with the default reply limit of 1 MiB.
Prints one KEY=VALUE line per check and `check=ok` at the end; exits non-zero on the first check that fails.
"""

import struct
import sys

import zmq

REQUEST = struct.Struct(">2sBBB3xII")
REPLY = struct.Struct(">2sBBBB2xIIQQQ")
NORMALS, BYTES, PING, ERROR = 1, 2, 3, 0x7F
TRNG, PRNG = 1, 3
TIMEOUT_MS = 5000


def check(condition, message):
    if not condition:
        print("FAILED: " + message)
        sys.exit(1)


def frame(rtype, mode, request_id, count, magic=b"SN", version=1):
    return REQUEST.pack(magic, version, rtype, mode, request_id, count)


class Dealer:
    def __init__(self, context, endpoint):
        self.socket = context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
        self.socket.connect(endpoint)

    def ask(self, *frames):
        """Sends one message of these frames; returns the reply's header fields and payload."""
        self.socket.send_multipart(list(frames))
        return unpack(self.socket.recv_multipart())


def unpack(frames):
    check(len(frames) == 2, "a reply is two frames, got %d" % len(frames))
    check(len(frames[0]) == 40, "a reply header is 40 bytes, got %d" % len(frames[0]))
    magic, version, rtype, mode, error, request_id, count, _, _, _ = REPLY.unpack(frames[0])
    check(magic == b"SN" and version == 1, "reply magic %r version %d" % (magic, version))
    return {"type": rtype, "mode": mode, "error": error, "id": request_id, "count": count, "payload": frames[1]}


def expect_error(name, reply, error, request_id, mode):
    check(reply["type"] == ERROR, "%s: type 0x%x, expected an error reply" % (name, reply["type"]))
    check(reply["error"] == error, "%s: error %d, expected %d (%s)" % (name, reply["error"], error,
                                                                      reply["payload"].decode("utf-8", "replace")))
    check(reply["id"] == request_id, "%s: request id %d echoed, expected %d" % (name, reply["id"], request_id))
    check(reply["mode"] == mode, "%s: mode %d echoed, expected %d" % (name, reply["mode"], mode))
    check(reply["count"] == 0 and len(reply["payload"]) > 0, "%s: an error has count 0 and a message" % name)
    print("%s=error%d" % (name, error))


def req_client(context, endpoint):
    """A REQ socket: its empty delimiter frame comes back before the reply, so the reply reaches it."""
    req = context.socket(zmq.REQ)
    req.setsockopt(zmq.LINGER, 0)
    req.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
    req.connect(endpoint)
    try:
        req.send(frame(NORMALS, PRNG, 7, 10))
        reply = unpack(req.recv_multipart())
        check(reply["type"] == NORMALS and reply["id"] == 7 and reply["count"] == 10
              and len(reply["payload"]) == 40, "REQ client: normals reply %r" % reply)
        req.send(frame(PING, 0, 8, 0))
        pong = unpack(req.recv_multipart())
        check(pong["type"] == PING and pong["id"] == 8, "REQ client: pong %r" % pong)
        req.send(frame(NORMALS, PRNG, 9, 10, magic=b"XX"))
        expect_error("req_bad_magic", unpack(req.recv_multipart()), 1, 9, PRNG)
    except zmq.Again:
        check(False, "REQ client: no reply within %d ms" % TIMEOUT_MS)
    finally:
        req.close(0)
    print("req_client=served")


def main(endpoint):
    context = zmq.Context()
    req_client(context, endpoint)
    d = Dealer(context, endpoint)
    pong = d.ask(frame(PING, 0, 1, 0))
    check(pong["type"] == PING and pong["mode"] == 0 and pong["error"] == 0, "pong %r" % pong)

    # A ping carries mode 0 and count 0.
    expect_error("ping_mode", d.ask(frame(PING, PRNG, 2, 0)), 1, 2, PRNG)
    expect_error("ping_count", d.ask(frame(PING, 0, 3, 5)), 1, 3, 0)

    # A count is a u32: 2^31 and more are simply too large (error 5), after the mode checks.
    expect_error("count_2_31", d.ask(frame(NORMALS, PRNG, 4, 1 << 31)), 5, 4, PRNG)
    expect_error("count_max", d.ask(frame(BYTES, PRNG, 5, 0xFFFFFFFF)), 5, 5, PRNG)
    expect_error("count_2_31_mode_not_served", d.ask(frame(BYTES, TRNG, 6, 1 << 31)), 4, 6, TRNG)
    expect_error("oversized", d.ask(frame(NORMALS, PRNG, 10, (1 << 18) + 1)), 5, 10, PRNG)
    expect_error("count_0", d.ask(frame(NORMALS, PRNG, 11, 0)), 1, 11, PRNG)

    # A full-length request with a bad magic or version still gets its id back.
    expect_error("bad_magic", d.ask(frame(NORMALS, PRNG, 0x01020304, 10, magic=b"XX")), 1, 0x01020304, PRNG)
    version = d.ask(frame(NORMALS, PRNG, 0x0A0B0C0D, 10, version=2))
    expect_error("bad_version", version, 2, 0x0A0B0C0D, PRNG)
    check(b"version 1" in version["payload"], "the version error names the server's version")

    # The mode byte is echoed whenever it names a mode (1, 2, 3), whatever the error; 0 otherwise.
    expect_error("unknown_mode", d.ask(frame(NORMALS, 7, 12, 10)), 3, 12, 0)
    unknown_type = bytearray(frame(NORMALS, 2, 13, 10))
    unknown_type[3] = 9
    expect_error("unknown_type", d.ask(bytes(unknown_type)), 1, 13, 2)
    reserved = bytearray(frame(BYTES, PRNG, 14, 10))
    reserved[6] = 1
    expect_error("reserved", d.ask(bytes(reserved)), 1, 14, PRNG)
    expect_error("mode_not_served", d.ask(frame(NORMALS, TRNG, 15, 10)), 4, 15, TRNG)
    expect_error("short_frame", d.ask(b"SN\x01\x01\x03"), 1, 0, 0)
    expect_error("two_frames", d.ask(frame(NORMALS, PRNG, 16, 10), b"more"), 1, 16, PRNG)

    data = d.ask(frame(BYTES, PRNG, 17, 100))
    check(data["type"] == BYTES and data["mode"] == PRNG and data["id"] == 17 and len(data["payload"]) == 100,
          "the service still serves after every refusal: %r" % data)
    d.socket.close(0)
    context.term()
    print("check=ok")


if __name__ == "__main__":
    main(sys.argv[1])
