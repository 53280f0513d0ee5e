package org.spinnoise.serve;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.PoolExhaustedException;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseExhaustedException;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/**
 * Turns one accepted request into a reply on a worker thread: fills the payload from the stream and reads the
 * stream's account before and after, under the stream's lock, so the header says exactly where the payload sits and
 * what it cost. {@code drbg} and {@code prng} streams are per client; {@code trng} is one stream shared by every
 * client, so its positions are offsets in one sequence of pool bytes and replies to different clients never
 * overlap in it (the stream takes exactly what replies use; the pool gives its unused reservation back on a clean
 * stop). Normals are written straight into the payload in wire order; the payload array is fresh, because the socket
 * keeps it until it is sent.
 */
final class ReplyGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyGenerator.class);

    private static final NoiseAccount NOTHING_YET = new NoiseAccount(0, 0, 0, 0);

    private final NoiseSourceFactory factory;
    private final String consumer;
    private NoiseSource sharedTrng;

    ReplyGenerator(NoiseSourceFactory factory, String consumer) {
        this.factory = factory;
        this.consumer = consumer;
    }

    OutgoingReply generate(ClientSession session, Wire.Request request) {
        try {
            boolean fresh = request.mode() != NoiseMode.TRNG && !session.hasSource(request.mode());
            NoiseSource source = request.mode() == NoiseMode.TRNG ? sharedTrng()
                    : session.source(request.mode(), factory, consumer);
            byte[] payload = new byte[(int) request.payloadBytes()];
            NoiseAccount before;
            NoiseAccount after;
            synchronized (source) {
                // A stream opened for this request charges its opening (a drbg's seed) to this reply.
                before = fresh ? NOTHING_YET : source.account();
                if (request.type() == RequestType.NORMALS) {
                    source.fillFloatsLittleEndian(payload, 0, request.count());
                } else {
                    source.fillBytes(payload, 0, request.count());
                }
                after = source.account();
            }
            ReplyHeader header = new ReplyHeader(request.type(), request.mode(), ErrorCode.OK, request.requestId(),
                    request.count(), before.streamPosition(), after.streamPosition() - before.streamPosition(),
                    after.hardwareBits() - before.hardwareBits());
            return new OutgoingReply(session, header, payload, request.payloadBytes());
        } catch (IOException | RuntimeException e) {
            if (poolExhausted(e)) {
                return error(session, request, ErrorCode.POOL_EXHAUSTED, e.getMessage());
            }
            LOG.error("generating {} {} for client {} failed", request.count(), request.type(), session.name, e);
            return error(session, request, ErrorCode.INTERNAL, "the server's " + request.mode().label()
                    + " source failed: " + e.getMessage() + "; see the server log");
        }
    }

    /** A trng request, or a drbg seed or reseed, that the pool could not cover (the drbg wraps the pool's refusal). */
    private static boolean poolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoiseExhaustedException || t instanceof PoolExhaustedException) {
                return true;
            }
        }
        return false;
    }

    private synchronized NoiseSource sharedTrng() throws IOException {
        if (sharedTrng == null) {
            sharedTrng = factory.open(NoiseMode.TRNG, consumer, 0);
        }
        return sharedTrng;
    }

    /** Closes the shared trng stream; called once no worker runs. */
    synchronized void close() {
        if (sharedTrng != null) {
            sharedTrng.close();
            sharedTrng = null;
        }
    }

    static OutgoingReply error(ClientSession session, Wire.Request request, ErrorCode code, String message) {
        return new OutgoingReply(session, new ReplyHeader(RequestType.ERROR, request.mode(), code,
                request.requestId(), 0, 0, 0, 0), Wire.utf8(message), request.payloadBytes());
    }
}
