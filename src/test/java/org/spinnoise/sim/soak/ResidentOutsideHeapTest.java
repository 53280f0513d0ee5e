package org.spinnoise.sim.soak;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The soak judges resident memory outside the Java heap: memory touched outside the heap (a direct buffer, as a
 * native leak would be) must show in it, and memory touched inside the heap must not.
 */
class ResidentOutsideHeapTest {
    private static final int MIB = 1 << 20;

    @Test
    void directMemoryCountsAndHeapMemoryDoesNot() {
        ResidentOutsideHeap outside = ResidentOutsideHeap.locate();
        long before = outside.bytes();
        assumeTrue(before > 0, "this JVM does not say where its heap is, or there is no /proc/self/smaps");
        byte[][] heap = new byte[48][];
        for (int i = 0; i < heap.length; i++) {
            heap[i] = new byte[MIB];
            java.util.Arrays.fill(heap[i], (byte) 1);
        }
        long afterHeap = outside.bytes();
        ByteBuffer direct = ByteBuffer.allocateDirect(64 * MIB);
        for (int i = 0; i < direct.capacity(); i += 4096) {
            direct.put(i, (byte) 1);
        }
        long afterDirect = outside.bytes();
        assertTrue(afterHeap - before < 24L * MIB, "48 MiB touched in the heap moved it by "
                + (afterHeap - before) / MIB + " MiB");
        assertTrue(afterDirect - afterHeap > 56L * MIB, "64 MiB touched outside the heap moved it by only "
                + (afterDirect - afterHeap) / MIB + " MiB");
        assertTrue(heap[47][0] == 1 && direct.get(0) == 1);
    }
}
