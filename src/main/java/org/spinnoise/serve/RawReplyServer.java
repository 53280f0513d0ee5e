package org.spinnoise.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The baseline of {@link ServiceBenchmark}: a plain ROUTER that answers each request with the same frames the
 * service would send (a 40-byte header echoing the request id, and a payload of the requested size), but from one
 * buffer filled once, with no generation and no bookkeeping. The same {@link NoiseClient}, pipelining and transport
 * then measure what ZeroMQ alone can move.
 */
final class RawReplyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RawReplyServer.class);
    private final ZMQ.Context context = ZMQ.context(1);
    private final ZMQ.Socket router;
    private final Thread thread;
    private final String endpoint;
    private final byte[] payload;
    private volatile boolean closing;

    RawReplyServer(byte[] prefilled) {
        this.payload = prefilled;
        router = context.socket(SocketType.ROUTER);
        router.setLinger(0);
        router.bind("tcp://127.0.0.1:*");
        endpoint = router.getLastEndpoint();
        thread = new Thread(this::serve, "spinnoise-raw-baseline");
        thread.setDaemon(true);
        thread.start();
    }

    String endpoint() {
        return endpoint;
    }

    private void serve() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] identity = router.recv(0);
                byte[] request = router.recv(0);
                if (identity == null || request == null) {
                    return;
                }
                Wire.Parsed parsed = Wire.parseRequest(request);
                Wire.Request r = parsed.request();
                int count = r == null ? 0 : r.count();
                byte[] header = new ReplyHeader(r == null ? RequestType.PING : r.type(), r == null ? null : r.mode(),
                        ErrorCode.OK, parsed.requestId(), count, 0, 0, 0).encode();
                router.send(identity, ZMQ.SNDMORE);
                router.send(header, ZMQ.SNDMORE);
                int bytes = count * (r == null ? 0 : r.type().bytesPerItem());
                if (bytes == payload.length) {
                    router.send(payload, 0);
                } else {
                    router.send(payload, 0, Math.min(bytes, payload.length), 0);
                }
            }
        } catch (RuntimeException e) {
            if (!closing) {
                LOG.error("raw JeroMQ baseline server failed", e);
            }
        } finally {
            // The serving thread owns the socket: closing it from another thread while it blocks in recv could lose
            // the close, and terminating the context would then wait for it forever.
            router.close();
        }
    }

    @Override
    public void close() {
        closing = true;
        // Terminating wakes the blocked recv with ETERM; the serving thread closes its socket, then term returns.
        context.term();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
