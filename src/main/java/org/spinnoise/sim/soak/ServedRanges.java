package org.spinnoise.sim.soak;

import java.util.Map;
import java.util.TreeMap;

/**
 * The union of the trng stream ranges {@code [position, position + advance)} the clients received, as disjoint
 * intervals; a reply whose range meets one already received is an overlap (the same pool bytes went out twice). The
 * service hands the shared trng stream out in order, so the union stays a handful of intervals (a gap only where a
 * vanished client's replies were dropped) and memory does not grow with the bytes served.
 */
final class ServedRanges {
    private final TreeMap<Long, Long> endByStart = new TreeMap<>();
    private long overlaps;
    private long overlapBytes;
    private long coveredBytes;

    /** Records one reply's range; false (and counted) when it overlaps bytes already served. */
    synchronized boolean add(long start, long length) {
        if (length <= 0) {
            return true;
        }
        long end = start + length;
        long overlap = 0;
        Map.Entry<Long, Long> below = endByStart.floorEntry(start);
        if (below != null && below.getValue() > start) {
            overlap += Math.min(end, below.getValue()) - start;
        }
        for (Map.Entry<Long, Long> e : endByStart.subMap(start, false, end, false).entrySet()) {
            overlap += Math.min(end, e.getValue()) - e.getKey();
        }
        if (overlap > 0) {
            overlaps++;
            overlapBytes += overlap;
            return false;
        }
        long newStart = start;
        long newEnd = end;
        if (below != null && below.getValue() == start) {
            newStart = below.getKey();
            endByStart.remove(below.getKey());
        }
        Long after = endByStart.get(end);
        if (after != null) {
            newEnd = after;
            endByStart.remove(end);
        }
        endByStart.put(newStart, newEnd);
        coveredBytes += length;
        return true;
    }

    synchronized long overlaps() {
        return overlaps;
    }

    synchronized long overlapBytes() {
        return overlapBytes;
    }

    /** Bytes of the stream received once. */
    synchronized long coveredBytes() {
        return coveredBytes;
    }

    /** Disjoint intervals held: gaps in what the clients received, plus one. */
    synchronized int intervals() {
        return endByStart.size();
    }
}
