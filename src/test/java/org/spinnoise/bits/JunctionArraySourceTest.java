package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;

/**
 * The junction array over fake sources whose every bit is known: turns and pauses, a junction dropped on a health
 * failure or a failing source with none of its failing bits handed out, and the end when no junction is left.
 */
class JunctionArraySourceTest {
    private static final double H = 0.9;
    private static final double ALPHA = Math.pow(2, -30);

    /** Everything the fakes were asked, in order: "j0 next", "j0 pause", ... */
    private final List<String> calls = new ArrayList<>();

    /**
     * A junction's source: fair bits from a seed, stuck at 1 from bit {@code stuckFrom}, throwing at batch
     * {@code throwAtBatch} (counted from 0), ending after {@code budget} bits. Remembers every bit it made.
     */
    private final class FakeSource implements BitSource {
        final int id;
        final SplittableRandom random;
        final long stuckFrom;
        final int throwAtBatch;
        final long budget;
        final List<Integer> made = new ArrayList<>();
        final List<Long> batchStarts = new ArrayList<>();
        int pauses;

        FakeSource(int id, long seed, long stuckFrom, int throwAtBatch, long budget) {
            this.id = id;
            this.random = new SplittableRandom(seed);
            this.stuckFrom = stuckFrom;
            this.throwAtBatch = throwAtBatch;
            this.budget = budget;
        }

        @Override
        public BitBatch nextBatch(int maxBits) throws IOException {
            calls.add("j" + id + " next");
            if (batchStarts.size() == throwAtBatch) {
                batchStarts.add((long) made.size());
                throw DiscardedBits.attach(new InstrumentException("smu-" + id + ": -211 Trigger ignored"),
                        new SourceEvent(0, "discarded", 7, "7 bits made since the last clean check were discarded"));
            }
            batchStarts.add((long) made.size());
            int n = (int) Math.min(maxBits, budget - made.size());
            List<RawRead> reads = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int bit = made.size() >= stuckFrom ? 1 : random.nextInt(2);
                reads.add(new RawRead(made.size(), 0, 0.6, 2e-8, bit == 1 ? 4200 : 2000, bit));
                made.add(bit);
            }
            List<SourceEvent> events = n > 0 && made.size() == n
                    ? List.of(new SourceEvent(0, "ambiguous", 2, "2 reads in the guard band")) : List.of();
            return BitBatch.ofReads(made.size() - n, reads, events);
        }

        @Override
        public void pause() {
            calls.add("j" + id + " pause");
            pauses++;
        }

        @Override
        public void setWrite(PulseShape write) {
        }

        @Override
        public PulseShape write() {
            return new PulseShape(0.6, 2e-8);
        }

        @Override
        public String describe() {
            return "fake " + id;
        }

        @Override
        public SourceProvenance provenance() {
            return SourceProvenance.bench("fake", write(), Map.of(), Map.of());
        }

        @Override
        public void close() {
        }
    }

    private FakeSource fair(int id) {
        return new FakeSource(id, 100 + id, Long.MAX_VALUE, -1, Long.MAX_VALUE);
    }

    /** What the array handed out: every batch, and which junction made each. */
    private static final class Output implements JunctionArraySource.BlockListener {
        final List<int[]> blocks = new ArrayList<>(); // junction, firstIndex, bits
        final List<BitBatch> batches = new ArrayList<>();
        final List<SourceEvent> events = new ArrayList<>();

        @Override
        public void handedOut(int junction, long firstIndex, int bits) {
            blocks.add(new int[]{junction, (int) firstIndex, bits});
        }

        /** Drains the array until it ends. */
        void drain(JunctionArraySource array, int maxBits) throws IOException {
            while (true) {
                BitBatch b = array.nextBatch(maxBits);
                events.addAll(b.events());
                if (b.bitCount() == 0) {
                    return;
                }
                batches.add(b);
            }
        }

        /** The bits junction {@code id} contributed, in the order handed out. */
        int[] bitsOf(int id) {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                if (blocks.get(i)[0] == id) {
                    BitBatch b = batches.get(i);
                    for (int k = 0; k < b.bitCount(); k++) {
                        out.add((b.packed()[k >>> 3] >>> (7 - (k & 7))) & 1);
                    }
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        long total() {
            return batches.stream().mapToLong(BitBatch::bitCount).sum();
        }
    }

    private static int[] prefix(List<Integer> made, int n) {
        return made.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void junctionsTakeTurnsEachPausedBeforeTheNextAndTheirOwnBitsComeOutInOrder() throws IOException {
        List<FakeSource> fakes = List.of(fair(0), fair(1), fair(2));
        Output out = new Output();
        JunctionArraySource array = JunctionArraySource.over(fakes.stream()
                .map(f -> new JunctionArraySource.Junction(f.id, f)).toList(), 2048, H, ALPHA, 20_000, out);
        out.drain(array, 5_000);

        assertEquals(20_000, out.total());
        long index = 0;
        for (int i = 0; i < out.batches.size(); i++) {
            assertEquals(index, out.batches.get(i).firstIndex());
            assertEquals(index, out.batches.get(i).reads().get(0).index(), "reads renumbered into the array's output");
            index += out.batches.get(i).bitCount();
        }
        // Every junction gave bits, and exactly its own first bits, in order.
        for (FakeSource f : fakes) {
            int[] handed = out.bitsOf(f.id);
            assertTrue(handed.length > 4_000, "junction " + f.id + " gave " + handed.length);
            assertArrayEquals(prefix(f.made, handed.length), handed);
            assertTrue(f.made.size() - handed.length >= array.holdBits(), "bits held back behind the newest");
            assertEquals(f.made.size() - handed.length, array.summaries().get(f.id).bitsDiscarded(),
                    "what was held at the end is counted");
        }
        // Turns go 0, 1, 2, 0, ... and a source is paused before another is asked for bits.
        List<String> nexts = calls.stream().filter(c -> c.endsWith("next")).toList();
        assertEquals(List.of("j0 next", "j1 next", "j2 next", "j0 next", "j1 next", "j2 next"), nexts.subList(0, 6));
        for (int i = 1; i < calls.size(); i++) {
            String prev = calls.get(i - 1);
            String now = calls.get(i);
            if (now.endsWith("next") && prev.endsWith("next")) {
                assertEquals(prev, now, "asked " + now + " right after " + prev + " without a pause");
            }
        }
        assertTrue(fakes.stream().allMatch(f -> f.pauses > 0));
        assertTrue(out.events.stream().anyMatch(e -> e.kind().equals(JunctionArraySource.UNUSED)),
                "bits still held at the end are reported unused");
        assertTrue(out.events.stream().anyMatch(e -> e.kind().equals("ambiguous") && e.detail().startsWith("junction 1: ")),
                "a junction's own events are passed on, labelled");
        long ones = array.summaries().stream().mapToLong(JunctionSummary::ones).sum();
        assertEquals(out.batches.stream().mapToLong(BitBatch::ones).sum(), ones);
    }

    @Test
    void aJunctionThatFailsItsHealthTestsIsDroppedAndNoneOfItsFailingWindowIsHandedOut() throws IOException {
        FakeSource stuck = new FakeSource(1, 7, 5_000, -1, Long.MAX_VALUE);
        List<FakeSource> fakes = List.of(fair(0), stuck, fair(2));
        Output out = new Output();
        JunctionArraySource array = JunctionArraySource.over(fakes.stream()
                .map(f -> new JunctionArraySource.Junction(f.id, f)).toList(), 1000, H, ALPHA, 30_000, out);
        out.drain(array, 100_000);

        assertEquals(30_000, out.total(), "the others make up the run's bits");
        JunctionSummary dropped = array.summaries().get(1);
        assertEquals("dropped", dropped.status());
        assertTrue(dropped.reason().contains("repetition count"), dropped.reason());
        assertEquals(1, dropped.healthFailures());
        int[] handed = out.bitsOf(1);
        assertArrayEquals(prefix(stuck.made, handed.length), handed);
        // The failing batch is the last one asked of it; every bit from holdBits before its start on is discarded.
        long failingBatchStart = stuck.batchStarts.get(stuck.batchStarts.size() - 1);
        assertTrue(handed.length <= failingBatchStart - array.holdBits(),
                handed.length + " bits handed out, failing batch from " + failingBatchStart);
        assertTrue(handed.length < 5_000 - 30, "none of the stuck run was handed out");
        assertEquals(stuck.made.size() - handed.length, dropped.bitsDiscarded());
        SourceEvent event = out.events.stream().filter(e -> e.kind().equals(JunctionArraySource.JUNCTION_DROPPED))
                .findFirst().orElseThrow();
        assertTrue(event.detail().startsWith("junction 1 dropped"), event.detail());
        assertEquals(2, array.liveJunctions());
        // No bit was asked of the dropped junction after it failed.
        int lastAsk = calls.lastIndexOf("j1 next");
        assertTrue(calls.subList(lastAsk + 1, calls.size()).stream().noneMatch(c -> c.startsWith("j1")));
    }

    @Test
    void aJunctionWhoseSourceThrowsIsDroppedWithItsDiscardedBitsReportedAndTheRunGoesOn() throws IOException {
        FakeSource failing = new FakeSource(2, 9, Long.MAX_VALUE, 3, Long.MAX_VALUE);
        List<FakeSource> fakes = List.of(fair(0), fair(1), failing);
        Output out = new Output();
        JunctionArraySource array = JunctionArraySource.over(fakes.stream()
                .map(f -> new JunctionArraySource.Junction(f.id, f)).toList(), 1000, H, ALPHA, 12_000, out);
        out.drain(array, 100_000);

        assertEquals(12_000, out.total());
        JunctionSummary dropped = array.summaries().get(2);
        assertEquals("dropped", dropped.status());
        assertTrue(dropped.reason().contains("-211 Trigger ignored"), dropped.reason());
        assertEquals(0, dropped.healthFailures());
        assertTrue(out.events.stream().anyMatch(e -> e.kind().equals("discarded") && e.bits() == 7
                && e.detail().startsWith("junction 2: ")), out.events.toString());
        assertArrayEquals(prefix(failing.made, out.bitsOf(2).length), out.bitsOf(2));
    }

    @Test
    void theArrayFailsWithEveryJunctionsReasonWhenNoneIsLeft() {
        FakeSource a = new FakeSource(0, 1, 2_000, -1, Long.MAX_VALUE);
        FakeSource b = new FakeSource(1, 2, Long.MAX_VALUE, 2, Long.MAX_VALUE);
        Output out = new Output();
        JunctionArraySource array = JunctionArraySource.over(List.of(new JunctionArraySource.Junction(0, a),
                new JunctionArraySource.Junction(1, b)), 1000, H, ALPHA, 1_000_000, out);
        IOException e = assertThrows(IOException.class, () -> out.drain(array, 100_000));
        assertTrue(e.getMessage().startsWith("every junction of the array was dropped"), e.getMessage());
        assertTrue(e.getMessage().contains("junction 0: health tests failed"), e.getMessage());
        assertTrue(e.getMessage().contains("junction 1: its source failed"), e.getMessage());
        List<SourceEvent> withFailure = DiscardedBits.of(e);
        assertTrue(withFailure.stream().anyMatch(ev -> ev.kind().equals(JunctionArraySource.JUNCTION_DROPPED)),
                "the last drop travels with the failure: " + withFailure);
        long drops = withFailure.stream().filter(ev -> ev.kind().equals(JunctionArraySource.JUNCTION_DROPPED)).count()
                + out.events.stream().filter(ev -> ev.kind().equals(JunctionArraySource.JUNCTION_DROPPED)).count();
        assertEquals(2, drops, "each drop is reported once");
    }

    @Test
    void sourcesThatEndReleaseWhatTheyHeldAndTheArrayEndsWithThem() throws IOException {
        FakeSource a = new FakeSource(0, 1, Long.MAX_VALUE, -1, 3_000);
        FakeSource b = new FakeSource(1, 2, Long.MAX_VALUE, -1, 2_500);
        Output out = new Output();
        JunctionArraySource array = JunctionArraySource.over(List.of(new JunctionArraySource.Junction(0, a),
                new JunctionArraySource.Junction(1, b)), 1000, H, ALPHA, 1_000_000, out);
        out.drain(array, 700);
        assertEquals(5_500, out.total(), "every bit of both is handed out once they end");
        assertArrayEquals(prefix(a.made, 3_000), out.bitsOf(0));
        assertArrayEquals(prefix(b.made, 2_500), out.bitsOf(1));
        assertEquals(List.of("ended", "ended"), array.summaries().stream().map(JunctionSummary::status).toList());
        assertTrue(out.batches.stream().allMatch(x -> x.bitCount() <= 700));
        assertEquals(0, array.nextBatch(10).bitCount(), "an ended array stays ended");
    }

    @Test
    void idsMustBeUnique() {
        FakeSource a = fair(0);
        assertThrows(IllegalArgumentException.class, () -> JunctionArraySource.over(List.of(
                new JunctionArraySource.Junction(3, a), new JunctionArraySource.Junction(3, a)), 10, H, ALPHA, 10,
                (j, f, n) -> { }));
        assertEquals(1024, JunctionArraySource.holdBits(H, ALPHA), "a whole adaptive-proportion window");
        assertEquals(30_000, JunctionArraySource.holdBits(0.001, ALPHA), "a repetition run when longer");
    }
}
