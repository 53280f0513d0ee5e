package org.spinnoise.bits;

import java.io.IOException;

/**
 * A source of raw bits fast enough that one call per bit would be the bottleneck (a pulser board streams tens of
 * megabits per second): it fills byte arrays with bits packed eight to a byte, most significant bit first, which is
 * the form the run folder's {@code bits.bin}, the health tests and the pool all take. Bits are raw, as from any
 * {@link BitSource}.
 */
public interface PackedBitSource {

    /**
     * Fills up to {@code length} bytes with bits, waiting for them as needed.
     *
     * @return bytes filled (at least 1), or −1 once the source has ended and every bit was handed out
     */
    int read(byte[] into, int offset, int length) throws IOException;

    /** What this source is, for logs and manifests. */
    String describe();
}
