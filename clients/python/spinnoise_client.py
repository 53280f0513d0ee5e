"""Client of the spinnoise noise service (``spinnoise serve``): Gaussian noise and raw random bytes over ZeroMQ.

Needs pyzmq and numpy only; PyTorch is imported by :func:`torch_normals` alone, and only when it is called.

    from spinnoise_client import NoiseClient
    with NoiseClient("tcp://127.0.0.1:5555") as client:
        eps = client.normals((16, 3, 32, 32), mode="trng")   # numpy float32, N(0, 1)
        print(client.last_draw.hardware_bits)               # pool bits behind it

A draw is split into requests of at most ``chunk_bytes`` and several requests are kept in flight (credit-based flow
control: the server only ever sends what was asked). The wire format is in PROTOCOL.md beside the service
(src/main/java/org/spinnoise/serve/PROTOCOL.md).
"""

import json
import struct
import time
from collections import namedtuple

import numpy as np
import zmq

PROTOCOL_VERSION = 1
MODES = {"trng": 1, "drbg": 2, "prng": 3}
MODE_NAMES = {code: name for name, code in MODES.items()}
TYPE_NORMALS, TYPE_BYTES, TYPE_PING, TYPE_ERROR = 1, 2, 3, 0x7F
ERRORS = {0: "ok", 1: "malformed", 2: "version", 3: "unknown_mode", 4: "mode_not_permitted", 5: "oversized",
          6: "credit_exceeded", 7: "pool_exhausted", 8: "server_busy", 9: "internal", 10: "overrun"}

# Big-endian header fields: magic "SN", version, type, mode, 3 reserved bytes, request id, count.
_REQUEST = struct.Struct(">2sBBB3xII")
# magic, version, type, mode, error, 2 reserved, request id, count, stream position, stream advance, hardware bits.
_REPLY = struct.Struct(">2sBBBB2xIIQQQ")
_FLOAT32_LE = np.dtype("<f4")

ReplyMeta = namedtuple("ReplyMeta", "type mode error request_id count stream_position stream_advance hardware_bits")
ReplyMeta.__doc__ = """Metadata of one reply: mode name, stream position and advance (in the mode's unit), pool bits."""


class NoiseServiceError(Exception):
    """The service refused a request (``code`` is one of ERRORS' names), or did not answer in time."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class Draw:
    """What one draw cost: the metadata of each reply that filled it, in output order."""

    def __init__(self, mode, count, replies):
        self.mode = mode
        self.count = count
        self.replies = replies

    @property
    def hardware_bits(self):
        return sum(r.hardware_bits for r in self.replies)

    def __repr__(self):
        return "Draw(mode=%s, count=%d, replies=%d, hardware_bits=%d)" % (
            self.mode, self.count, len(self.replies), self.hardware_bits)


class NoiseClient:
    """One DEALER connection to the service; use it from one thread.

    ``server_public_key`` / ``client_secret_key`` / ``client_public_key`` (Z85 bytes) enable CURVE; see
    :meth:`with_certificates` to load them from the ``.key`` / ``.key_secret`` files ``spinnoise serve keygen``
    writes.
    """

    def __init__(self, endpoint, timeout_ms=10000, in_flight=8, chunk_bytes=256 * 1024, server_public_key=None,
                 client_public_key=None, client_secret_key=None, context=None):
        if in_flight < 1 or chunk_bytes < 4:
            raise ValueError("in_flight must be at least 1 and chunk_bytes at least 4")
        self.endpoint = endpoint
        self.timeout_ms = timeout_ms
        self.in_flight = in_flight
        self.chunk_bytes = chunk_bytes
        self.last_draw = None
        self._next_id = 1
        self._own_context = context is None
        self._context = context or zmq.Context()
        self._curve = (server_public_key, client_public_key, client_secret_key)
        self.limits = self._handshake()

    def _open_socket(self, timeout_ms):
        socket = self._context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.RCVTIMEO, timeout_ms)
        server_public_key, client_public_key, client_secret_key = self._curve
        if server_public_key is not None:
            socket.curve_serverkey = server_public_key
            socket.curve_publickey = client_public_key
            socket.curve_secretkey = client_secret_key
        socket.connect(self.endpoint)
        return socket

    def _handshake(self):
        """Pings until a pong comes back, on a new connection after each silent attempt, within ``timeout_ms``.

        A fresh connection to the (JeroMQ) service occasionally never carries its first message under heavy
        connection churn; a new socket always did. The pong holds the server's limits.
        """
        deadline = time.monotonic() + self.timeout_ms / 1000.0
        attempt_ms = max(250, min(2000, self.timeout_ms // 4))
        while True:
            left_ms = int((deadline - time.monotonic()) * 1000)
            self._socket = self._open_socket(max(1, min(attempt_ms, left_ms)))
            try:
                limits = self.ping()
                self._socket.setsockopt(zmq.RCVTIMEO, self.timeout_ms)
                return limits
            except NoiseServiceError:
                self._socket.close(0)
                if time.monotonic() >= deadline:
                    if self._own_context:
                        self._context.term()
                    raise NoiseServiceError("internal", "no answer from noise service %s within %d ms; is 'spinnoise "
                                            "serve' running there (and, with CURVE, is this client's key on its "
                                            "allow-list)?" % (self.endpoint, self.timeout_ms)) from None

    @classmethod
    def with_certificates(cls, endpoint, server_certificate, client_secret_certificate, **options):
        """CURVE from certificate files: the server's ``NAME.key`` and this client's ``NAME.key_secret``."""
        import zmq.auth
        server_public, _ = zmq.auth.load_certificate(server_certificate)
        client_public, client_secret = zmq.auth.load_certificate(client_secret_certificate)
        return cls(endpoint, server_public_key=server_public, client_public_key=client_public,
                   client_secret_key=client_secret, **options)

    def normals(self, shape, mode="trng"):
        """A float32 array of N(0, 1) samples of ``shape`` (an int or a tuple); metadata in ``last_draw``."""
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        out = np.empty(shape, dtype=np.float32)
        flat = out.reshape(-1)
        self.last_draw = self._draw(TYPE_NORMALS, mode, flat.size, 4, lambda off, n, frame: flat.__setitem__(
            slice(off, off + n), np.frombuffer(frame, dtype=_FLOAT32_LE, count=n)))
        return out

    def random_bytes(self, count, mode="trng"):
        """``count`` raw random bytes as a uint8 array; metadata in ``last_draw``."""
        out = np.empty(count, dtype=np.uint8)
        self.last_draw = self._draw(TYPE_BYTES, mode, count, 1, lambda off, n, frame: out.__setitem__(
            slice(off, off + n), np.frombuffer(frame, dtype=np.uint8, count=n)))
        return out

    def ping(self):
        """A heartbeat that keeps this client's streams alive; returns the server's limits as a dict."""
        request_id = self._send(TYPE_PING, None, 0)
        while True:
            meta, payload = self._receive()
            if meta.request_id == request_id:
                self._check(meta, payload)
                return json.loads(bytes(payload).decode("utf-8"))

    def close(self):
        self._socket.close(0)
        if self._own_context:
            self._context.term()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _draw(self, req_type, mode, total, item_bytes, place):
        if mode not in MODES:
            raise ValueError("unknown mode %r: use trng, drbg or prng" % (mode,))
        chunk = max(1, self.chunk_bytes // item_bytes)
        offsets = {}
        metas = {}
        requested = 0
        failure = None
        while requested < total or offsets:
            while failure is None and requested < total and len(offsets) < self.in_flight:
                n = min(chunk, total - requested)
                offsets[self._send(req_type, mode, n)] = requested
                requested += n
            if not offsets:
                break
            meta, payload = self._receive()
            offset = offsets.pop(meta.request_id, None)
            if offset is None:
                continue  # a late reply to an earlier, abandoned request
            try:
                self._check(meta, payload)
                place(offset, meta.count, payload)
                metas[offset] = meta
            except NoiseServiceError as e:
                failure = failure or e
        if failure is not None:
            raise failure
        return Draw(mode, total, [metas[o] for o in sorted(metas)])

    def _send(self, req_type, mode, count):
        request_id = self._next_id
        self._next_id = (self._next_id + 1) & 0xFFFFFFFF
        self._socket.send(_REQUEST.pack(b"SN", PROTOCOL_VERSION, req_type, MODES.get(mode, 0), request_id, count))
        return request_id

    def _receive(self):
        try:
            frames = self._socket.recv_multipart(copy=False)
        except zmq.Again:
            raise NoiseServiceError("internal", "no reply from noise service %s within %d ms; is 'spinnoise serve' "
                                    "running there (and, with CURVE, is this client's key on its allow-list)?"
                                    % (self.endpoint, self.timeout_ms)) from None
        header = frames[0].bytes
        if len(header) != _REPLY.size:
            raise NoiseServiceError("malformed", "noise service %s sent a reply this client cannot read"
                                    % self.endpoint)
        magic, version, rtype, mode, error, request_id, count, position, advance, bits = _REPLY.unpack(header)
        if magic != b"SN" or version != PROTOCOL_VERSION:
            raise NoiseServiceError("malformed", "noise service %s speaks another protocol (version %d)"
                                    % (self.endpoint, version))
        meta = ReplyMeta(rtype, MODE_NAMES.get(mode), ERRORS.get(error, "internal"), request_id, count, position,
                         advance, bits)
        payload = frames[1].buffer if len(frames) > 1 else memoryview(b"")
        return meta, payload

    def _check(self, meta, payload):
        if meta.error != "ok":
            raise NoiseServiceError(meta.error, "noise service %s refused request %d (%s): %s" % (
                self.endpoint, meta.request_id, meta.error, bytes(payload).decode("utf-8", "replace")))


def torch_normals(client, shape, mode="trng", device=None, dtype=None):
    """The same as ``client.normals`` as a torch tensor (on ``device``, cast to ``dtype`` if given).

    PyTorch is imported here, on first call, so the rest of the module works without it.
    """
    import torch
    tensor = torch.from_numpy(client.normals(shape, mode=mode))
    if dtype is not None:
        tensor = tensor.to(dtype)
    return tensor.to(device) if device is not None else tensor
