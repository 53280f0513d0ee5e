package org.spinnoise.serve;

import java.util.List;
import org.spinnoise.noise.NoiseMode;

/**
 * What one pipelined draw of {@link NoiseClient} cost: the metadata of every reply that filled it, in the order of
 * the output (each reply's stream position and hardware bits), and totals.
 */
public record NoiseDraw(NoiseMode mode, int count, List<ReplyHeader> replies) {
    public NoiseDraw {
        replies = List.copyOf(replies);
    }

    /** Hardware (pool) bits behind the whole draw. */
    public long hardwareBits() {
        return replies.stream().mapToLong(ReplyHeader::hardwareBits).sum();
    }

    /** How far the whole draw moved the stream's position (in the mode's unit, see {@link ReplyHeader}). */
    public long streamAdvance() {
        return replies.stream().mapToLong(ReplyHeader::streamAdvance).sum();
    }
}
