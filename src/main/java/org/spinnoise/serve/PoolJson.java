package org.spinnoise.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spinnoise.entropy.pool.PoolStatus;

/**
 * A pool's figures as one JSON object, under the keys PROTOCOL.md gives the telemetry's {@code pool} object; the
 * dashboard shows the same object. A running holder's reservation ({@code bytes_reserved}, {@code reserved_by}) is
 * shown as such: bytes set aside for its consumers, not lost.
 */
public final class PoolJson {

    private PoolJson() {
    }

    public static ObjectNode of(PoolStatus p) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("dir", p.dir().toString()).put("bytes_available", p.bytesAvailable())
                .put("bytes_served", p.bytesServed()).put("raw_bits_in", p.rawBitsIn())
                .put("quarantined_bits", p.quarantinedBits())
                .put("credited_entropy_bits", p.creditedEntropyBits()).put("corrupt_bytes", p.corruptBytes())
                .put("bytes_reserved", p.bytesReserved()).put("reserved_by", p.reservedBy());
        ArrayNode ranges = n.putArray("corrupt_ranges");
        p.corruptRanges().forEach(ranges::add);
        return n;
    }
}
