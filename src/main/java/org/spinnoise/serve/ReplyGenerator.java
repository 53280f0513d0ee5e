package org.spinnoise.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseExhaustedException;
import org.spinnoise.noise.NoiseSource;

/**
 * Turns one accepted request into a reply on a worker thread: fills the payload from the client's stream and reads
 * the stream's account before and after, so the header says exactly where the payload sits and what it cost. Each
 * worker reuses one float buffer; the payload array itself is fresh, because the socket keeps it until sent.
 */
final class ReplyGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyGenerator.class);

    private final NoiseSourceFactory factory;
    private final String consumer;
    private final ThreadLocal<float[]> scratch;

    ReplyGenerator(NoiseSourceFactory factory, String consumer, int maxReplyBytes) {
        this.factory = factory;
        this.consumer = consumer;
        this.scratch = ThreadLocal.withInitial(() -> new float[maxReplyBytes / Float.BYTES]);
    }

    OutgoingReply generate(ClientSession session, Wire.Request request) {
        try {
            NoiseSource source = session.source(request.mode(), factory, consumer);
            NoiseAccount before = source.account();
            byte[] payload = new byte[(int) request.payloadBytes()];
            if (request.type() == RequestType.NORMALS) {
                float[] floats = scratch.get();
                source.fillFloats(floats, 0, request.count());
                ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(floats, 0,
                        request.count());
            } else {
                source.fillBytes(payload, 0, request.count());
            }
            NoiseAccount after = source.account();
            ReplyHeader header = new ReplyHeader(request.type(), request.mode(), ErrorCode.OK, request.requestId(),
                    request.count(), before.streamPosition(), after.streamPosition() - before.streamPosition(),
                    after.hardwareBits() - before.hardwareBits());
            return new OutgoingReply(session, header, payload);
        } catch (NoiseExhaustedException e) {
            return error(session, request, ErrorCode.POOL_EXHAUSTED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.error("generating {} {} for client {} failed", request.count(), request.type(), session.name, e);
            return error(session, request, ErrorCode.INTERNAL, "the server's " + request.mode().label()
                    + " source failed: " + e.getMessage() + "; see the server log");
        }
    }

    static OutgoingReply error(ClientSession session, Wire.Request request, ErrorCode code, String message) {
        return new OutgoingReply(session, new ReplyHeader(RequestType.ERROR, request.mode(), code,
                request.requestId(), 0, 0, 0, 0), Wire.utf8(message));
    }
}
