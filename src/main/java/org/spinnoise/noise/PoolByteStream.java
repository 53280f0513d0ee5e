package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;
import org.spinnoise.entropy.drbg.CtrDrbg;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolExhaustedException;

/**
 * Pool bytes for one consumer, taken with {@link EntropyPool#take} exactly as requests need them, in pool order,
 * each handed out at most once. A request is covered in full or refused with the pool left untouched. The stream
 * takes no more than it hands out: the pool itself reserves ahead durably (and gives back what it never served when
 * closed cleanly), so a stream that is dropped leaves no taken-but-unused bytes behind, where taking 64 KiB blocks
 * lost the rest of the last block on every stop.
 */
final class PoolByteStream implements ByteStream {
    /** Largest single take: a request beyond it must be split by the caller. */
    static final int MAX_REQUEST_BYTES = Integer.MAX_VALUE - 64;

    private final EntropyPool pool;
    private final String consumer;
    private byte[] buffer = new byte[0];
    private int start;
    private int end;
    private long position;
    private long takenBytes;

    PoolByteStream(EntropyPool pool, String consumer) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    @Override
    public void reserve(long byteCount) throws IOException {
        int buffered = end - start;
        if (byteCount <= buffered) {
            return;
        }
        if (byteCount > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("a trng request of " + byteCount + " pool bytes is too large for one "
                    + "call; split it into requests under " + MAX_REQUEST_BYTES + " bytes");
        }
        int shortage = (int) (byteCount - buffered);
        try {
            append(pool.take(consumer, shortage));
        } catch (PoolExhaustedException dry) {
            throw exhausted(byteCount, buffered, dry);
        }
    }

    @Override
    public void read(byte[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        reserve(length);
        System.arraycopy(buffer, start, out, offset, length);
        start += length;
        position += length;
    }

    @Override
    public long position() {
        return position;
    }

    /** Bytes taken from the pool so far: handed out plus any still buffered for the request in progress. */
    long takenBytes() {
        return takenBytes;
    }

    int bufferedBytes() {
        return end - start;
    }

    String consumer() {
        return consumer;
    }

    private void append(byte[] taken) {
        int buffered = end - start;
        if (buffer.length < buffered + taken.length) {
            byte[] larger = new byte[buffered + taken.length];
            System.arraycopy(buffer, start, larger, 0, buffered);
            buffer = larger;
        } else {
            System.arraycopy(buffer, start, buffer, 0, buffered);
        }
        System.arraycopy(taken, 0, buffer, buffered, taken.length);
        start = 0;
        end = buffered + taken.length;
        takenBytes += taken.length;
    }

    private NoiseExhaustedException exhausted(long byteCount, int buffered, PoolExhaustedException cause) {
        // drbg mode helps only while the pool can still seed a DRBG; suggesting it for an empty pool sends the user
        // into the same refusal
        String alternatives = cause.availableBytes() >= CtrDrbg.SEED_BYTES ? ", ask for less, or use drbg mode"
                : " or ask for less (drbg mode cannot help: seeding a DRBG takes " + CtrDrbg.SEED_BYTES
                + " pool bytes)";
        return new NoiseExhaustedException("trng noise for " + consumer + " needs " + byteCount + " pool bytes, but "
                + "only " + (buffered + cause.availableBytes()) + " are left (" + buffered + " buffered, "
                + cause.availableBytes() + " in the pool); nothing was handed out. Refill the pool with "
                + "'spinnoise acquire' (or 'spinnoise demo' on the simulated bench)" + alternatives, cause);
    }
}
