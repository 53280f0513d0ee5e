package org.spinnoise.entropy.pool;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Accounting of one pool, derived from its segments and cursor. Every appended byte is in exactly one of five
 * states, so {@code bytesAppended == bytesServed + bytesDiscardedAtRecovery + corruptBytes + bytesAvailable +
 * bytesReserved}.
 *
 * @param dir                      the pool directory
 * @param rawBitsIn                raw bits behind every readable record ever appended (compacted ones included)
 * @param quarantinedBits          of those, bits the health tests quarantined
 * @param creditedEntropyBits      min-entropy credited to the readable payload bytes, in bits
 * @param bytesAppended            global end offset: payload bytes ever appended, corrupt ones included
 * @param bytesServed              payload bytes handed to consumers (as durably recorded, see the package notes)
 * @param bytesAvailable           payload bytes that can still be taken
 * @param bytesDiscardedAtRecovery bytes reserved for consumers before a crash and skipped on recovery, never served
 * @param corruptBytes             payload bytes lost to corruption, skipped and never served
 * @param corruptRanges            one line per corrupt range: global offsets, file and reason
 * @param bytesOutByConsumer       payload bytes served per consumer name
 * @param segments                 segment files on disk
 * @param capacityBytes            the configured capacity, in bytes of segment files ({@code 0} from
 *                                 {@link EntropyPool#inspect}, which does not know the configuration)
 * @param bytesReserved            bytes a running holder has reserved for its consumers (handed out since its last
 *                                 cursor write, or about to be); it gives back what it did not send when it stops
 *                                 cleanly, and a crash writes them off. Only {@link EntropyPool#inspect} reports
 *                                 them; the holder's own status counts them as available
 * @param reservedBy               who holds that reservation ({@link PoolHolder#describe()}), empty when none
 * @param bytesTornAtRecovery      file bytes of appends a crash interrupted (never acknowledged, so nothing promised
 *                                 was lost) that recoveries cut off the newest segment
 */
public record PoolStatus(Path dir, long rawBitsIn, long quarantinedBits, double creditedEntropyBits,
                         long bytesAppended, long bytesServed, long bytesAvailable, long bytesDiscardedAtRecovery,
                         long corruptBytes, List<String> corruptRanges, Map<String, Long> bytesOutByConsumer,
                         int segments, long capacityBytes, long bytesReserved, String reservedBy,
                         long bytesTornAtRecovery) {
    public PoolStatus {
        corruptRanges = List.copyOf(corruptRanges);
        bytesOutByConsumer = Map.copyOf(bytesOutByConsumer);
    }
}
