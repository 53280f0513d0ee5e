package org.spinnoise.bits;

import java.io.IOException;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.instrument.InstrumentException;

/**
 * Bits from a pulser board's stream, in both forms the house uses: packed bytes for the run and pool pipeline
 * ({@link PackedBitSource}, the fast path) and one {@link RawRead} at a time for code written against
 * {@link BitSource}. A board reports no resistance, only the comparator's verdict, so a read's resistance is NaN;
 * its write amplitude and width are what the board applied. The stream checks every frame (see {@link BoardStream}).
 */
public final class BoardBitSource implements BitSource, PackedBitSource {
    private final BoardClient client;
    private final BoardStream stream;
    private final BoardOperatingPoint applied;
    private final long startNanos = System.nanoTime();
    private final byte[] chunk = new byte[1 << 12];
    private int chunkBytes;
    private int chunkBit;
    private long index;

    public BoardBitSource(BoardClient client, BoardStream stream, BoardOperatingPoint applied) {
        this.client = client;
        this.stream = stream;
        this.applied = applied;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (chunkBit != 8 * chunkBytes) {
            throw new IllegalStateException("packed reads cannot follow a partly used per-bit chunk");
        }
        return stream.read(into, offset, length);
    }

    @Override
    public RawRead next() throws InstrumentException {
        if (chunkBit == 8 * chunkBytes) {
            int n;
            try {
                n = stream.read(chunk, 0, chunk.length);
            } catch (BoardException e) {
                throw new InstrumentException(e.getMessage(), e);
            }
            if (n < 0) {
                throw new InstrumentException("board at " + client.address() + ": the stream has ended after "
                        + index + " bits");
            }
            chunkBytes = n;
            chunkBit = 0;
        }
        int bit = (chunk[chunkBit >>> 3] >>> (7 - (chunkBit & 7))) & 1;
        chunkBit++;
        return new RawRead(index++, System.nanoTime() - startNanos, applied.writeVolts(), applied.writeWidthSeconds(),
                Double.NaN, bit);
    }

    /** The stream underneath, for its report and events. */
    public BoardStream stream() {
        return stream;
    }

    @Override
    public String describe() {
        return String.format("pulser board %s (%s, firmware %s) at %s: write %.4f V / %.3g s, reset %.4f V / %.3g s, "
                        + "threshold code %d ± %d, junction mask 0x%X", client.hello().serial(),
                client.hello().writeDacBits() + "-bit DAC", client.hello().firmware(), client.address(),
                applied.writeVolts(), applied.writeWidthSeconds(), applied.resetVolts(), applied.resetWidthSeconds(),
                applied.thresholdCode(), applied.guardBandCodes(), applied.junctionMask());
    }
}
