package org.spinnoise.serve;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spinnoise.noise.NoiseMode;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Java client of the noise service (one DEALER socket; use it from one thread). {@link #normals} and {@link #bytes}
 * send one request and wait for its reply; {@link #fillNormals} and {@link #fillBytes} split a large draw into
 * chunks and keep several requests in flight, as the ZeroMQ guide's credit-based file transfer does, so the server and
 * the network work while the client copies. Every reply's metadata (mode, stream position, hardware bits) is exposed.
 */
public final class NoiseClient implements AutoCloseable {

    /**
     * @param timeout         how long to wait for any reply
     * @param inFlight        requests a pipelined draw keeps outstanding (at most the server's per-client limit)
     * @param chunkBytes      payload bytes per request of a pipelined draw (at most the server's reply limit)
     * @param serverPublicKey the server's CURVE public key, or null for a server without CURVE
     * @param clientKeys      this client's CURVE key pair (required with {@code serverPublicKey})
     */
    public record Options(Duration timeout, int inFlight, int chunkBytes, byte[] serverPublicKey,
                          CurveKeys.KeyPair clientKeys) {
        public Options {
            if (inFlight < 1 || chunkBytes < Float.BYTES) {
                throw new IllegalArgumentException("in flight must be at least 1 and chunk at least 4 bytes");
            }
            if ((serverPublicKey == null) != (clientKeys == null)) {
                throw new IllegalArgumentException("CURVE needs both the server's public key and a client key pair");
            }
        }

        /** 10 s timeout, 8 requests in flight, 256 KiB chunks, no CURVE. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), 8, 256 << 10, null, null);
        }

        public Options withPipeline(int requestsInFlight, int bytesPerChunk) {
            return new Options(timeout, requestsInFlight, bytesPerChunk, serverPublicKey, clientKeys);
        }

        public Options withTimeout(Duration t) {
            return new Options(t, inFlight, chunkBytes, serverPublicKey, clientKeys);
        }

        public Options withCurve(byte[] serverKey, CurveKeys.KeyPair keys) {
            return new Options(timeout, inFlight, chunkBytes, serverKey, keys);
        }
    }

    private final ZContext context;
    private final ZMQ.Socket socket;
    private final String endpoint;
    private final Options options;
    private long nextRequestId = 1;
    private String limits;

    private NoiseClient(ZContext context, ZMQ.Socket socket, String endpoint, Options options) {
        this.context = context;
        this.socket = socket;
        this.endpoint = endpoint;
        this.options = options;
    }

    /** The client after its handshake: the handshake's socket and request ids, the full timeout. */
    private NoiseClient(ZContext context, ZMQ.Socket socket, String endpoint, Options options,
                        NoiseClient handshake) {
        this(context, socket, endpoint, options);
        this.nextRequestId = handshake.nextRequestId;
        this.limits = handshake.limits;
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
    }

    public static NoiseClient connect(String endpoint) throws NoiseServiceException {
        return connect(endpoint, Options.defaults());
    }

    /**
     * Connects and exchanges a ping, so a client that returns is known to be talking to the service. A connection
     * that stays silent is replaced by a new one until {@code options.timeout()} runs out: under heavy connection
     * churn a fresh JeroMQ connection occasionally never carries its first message (seen about once in a few hundred
     * on loopback; a new socket always worked), and the handshake absorbs that.
     *
     * @throws NoiseServiceException no pong within the timeout (no service there, or CURVE refused this client)
     */
    public static NoiseClient connect(String endpoint, Options options) throws NoiseServiceException {
        Objects.requireNonNull(endpoint, "endpoint");
        ZContext context = new ZContext(1);
        long deadline = System.nanoTime() + options.timeout().toNanos();
        long attemptMs = Math.max(250, Math.min(2_000, options.timeout().toMillis() / 4));
        try {
            while (true) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                Options attempt = options.withTimeout(Duration.ofMillis(Math.max(1, Math.min(attemptMs, leftMs))));
                NoiseClient client = new NoiseClient(context, openSocket(context, endpoint, attempt), endpoint,
                        attempt);
                try {
                    client.limits = client.ping();
                    return new NoiseClient(context, client.socket, endpoint, options, client);
                } catch (NoiseServiceException silent) {
                    context.destroySocket(client.socket);
                    if (System.nanoTime() >= deadline) {
                        throw new NoiseServiceException(ErrorCode.INTERNAL, "no answer from noise service "
                                + endpoint + " within " + options.timeout().toMillis() + " ms; is 'spinnoise serve' "
                                + "running there (and, with CURVE, is this client's key on its allow-list)?");
                    }
                }
            }
        } catch (NoiseServiceException | RuntimeException e) {
            context.close();
            if (e instanceof RuntimeException) {
                throw new IllegalArgumentException("cannot connect to noise service " + endpoint + ": "
                        + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static ZMQ.Socket openSocket(ZContext context, String endpoint, Options options) {
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        socket.setLinger(0);
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
        if (options.serverPublicKey() != null) {
            socket.setCurveServerKey(options.serverPublicKey());
            socket.setCurvePublicKey(options.clientKeys().publicKey());
            socket.setCurveSecretKey(options.clientKeys().secretKey());
        }
        // JeroMQ connects to an IPv6 literal such as tcp://[::1]:5555 only on a socket told to speak IPv6
        socket.setIPv6(endpoint.contains("://["));
        socket.connect(endpoint);
        return socket;
    }

    /** The server's limits and modes, as the pong of the connection handshake gave them (JSON). */
    public String serverLimits() {
        return limits;
    }

    /** One request for {@code count} float32 normals. */
    public NoiseReply normals(NoiseMode mode, int count) throws NoiseServiceException {
        return single(RequestType.NORMALS, mode, count);
    }

    /** One request for {@code count} raw bytes. */
    public NoiseReply bytes(NoiseMode mode, int count) throws NoiseServiceException {
        return single(RequestType.BYTES, mode, count);
    }

    /** A heartbeat that keeps this client's session alive; returns the server's limits as JSON. */
    public String ping() throws NoiseServiceException {
        return new String(single(RequestType.PING, null, 0).payload(), StandardCharsets.UTF_8);
    }

    /** Fills {@code out} with normals, several requests in flight. */
    public NoiseDraw fillNormals(NoiseMode mode, float[] out) throws NoiseServiceException {
        return pipelined(RequestType.NORMALS, mode, out.length, (reply, offset) -> ByteBuffer.wrap(reply.payload())
                .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out, offset, reply.header().count()));
    }

    /** Fills {@code out} with raw bytes, several requests in flight. */
    public NoiseDraw fillBytes(NoiseMode mode, byte[] out) throws NoiseServiceException {
        return pipelined(RequestType.BYTES, mode, out.length, (reply, offset) ->
                System.arraycopy(reply.payload(), 0, out, offset, reply.header().count()));
    }

    /** Sends a request frame as is (for tests of the server's handling of bad input) and returns the reply. */
    NoiseReply raw(byte[] frame) throws NoiseServiceException {
        socket.send(frame, 0);
        return receive();
    }

    @FunctionalInterface
    private interface Placement {
        void place(NoiseReply reply, int offset);
    }

    private NoiseReply single(RequestType type, NoiseMode mode, int count) throws NoiseServiceException {
        long id = send(type, mode, count);
        while (true) {
            NoiseReply reply = receive();
            if (reply.header().requestId() == id) {
                return check(reply);
            }
        }
    }

    private NoiseDraw pipelined(RequestType type, NoiseMode mode, int total, Placement placement)
            throws NoiseServiceException {
        int chunk = Math.max(1, options.chunkBytes() / type.bytesPerItem());
        Map<Long, Integer> offsetById = new HashMap<>();
        Map<Integer, ReplyHeader> headerByOffset = new HashMap<>();
        int requested = 0;
        NoiseServiceException failure = null;
        while (requested < total || !offsetById.isEmpty()) {
            while (failure == null && requested < total && offsetById.size() < options.inFlight()) {
                int n = Math.min(chunk, total - requested);
                offsetById.put(send(type, mode, n), requested);
                requested += n;
            }
            if (offsetById.isEmpty()) {
                break;
            }
            NoiseReply reply = receive();
            Integer offset = offsetById.remove(reply.header().requestId());
            if (offset == null) {
                continue;
            }
            try {
                check(reply);
                placement.place(reply, offset);
                headerByOffset.put(offset, reply.header());
            } catch (NoiseServiceException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        List<ReplyHeader> ordered = new ArrayList<>();
        headerByOffset.keySet().stream().sorted().forEach(o -> ordered.add(headerByOffset.get(o)));
        return new NoiseDraw(mode, total, ordered);
    }

    private long send(RequestType type, NoiseMode mode, int count) {
        long id = nextRequestId;
        nextRequestId = (nextRequestId + 1) & 0xFFFF_FFFFL;
        socket.send(Wire.encodeRequest(type, mode, id, count), 0);
        return id;
    }

    private NoiseReply receive() throws NoiseServiceException {
        byte[] header = socket.recv(0);
        if (header == null) {
            throw new NoiseServiceException(ErrorCode.INTERNAL, "no reply from noise service " + endpoint
                    + " within " + options.timeout().toMillis() + " ms; is 'spinnoise serve' running there (and, "
                    + "with CURVE, is this client's key on its allow-list)?");
        }
        byte[] payload = socket.hasReceiveMore() ? socket.recv(0) : new byte[0];
        while (socket.hasReceiveMore()) {
            socket.recv(0);
        }
        return new NoiseReply(ReplyHeader.decode(header, endpoint), payload == null ? new byte[0] : payload);
    }

    private NoiseReply check(NoiseReply reply) throws NoiseServiceException {
        ReplyHeader h = reply.header();
        if (h.error() != ErrorCode.OK) {
            throw new NoiseServiceException(h.error(), "noise service " + endpoint + " refused request "
                    + h.requestId() + " (" + h.error().name().toLowerCase(java.util.Locale.ROOT) + "): "
                    + new String(reply.payload(), StandardCharsets.UTF_8));
        }
        return reply;
    }

    @Override
    public void close() {
        context.close();
    }
}
