package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.OperatingPointCheck;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ReconnectPolicy;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.sim.FaultInjector;
import org.spinnoise.sim.JunctionNode.PulseOutcome;
import org.spinnoise.testing.DemoBench;

/**
 * An instrument that drops its link, stalls or reboots in the middle of a batch, on the simulated demo bench over
 * loopback, in both schemes: the run reconnects and completes, and its bits are exactly the junction's own record of
 * the writes of confirmed batches, matched write by write (the discarded batch's writes and the operating-point
 * check's are in the junction's record but not in bits.bin); a different instrument at the address is refused; an instrument that stays away ends
 * the run "failed" with one clear line, its confirmed bits kept and the outputs off.
 */
class ReconnectMidRunTest {
    /** Quick enough for tests, several attempts, back-off that grows. */
    private static final ReconnectPolicy QUICK = new ReconnectPolicy(6, 0.1, 2, 0.8);
    private static final AcquisitionPlan.SchemePlan BATCHED = new AcquisitionPlan.SchemePlan("batched", 1, 250);

    @TempDir
    Path runs;

    /** The outcome of one run with a fault applied once the acquisition has made {@code afterWrites} writes. */
    private record Outcome(DemoBench demo, RunFolder folder, IOException failure, List<PulseOutcome> acquisitionWrites,
                           List<String[]> events) {
    }

    private Outcome run(long seed, AcquisitionPlan plan, boolean timed, long afterWrites, Consumer<FaultInjector> fault)
            throws Exception {
        DemoBench demo = DemoBench.start(seed);
        RunFolder folder = RunFolder.create(runs, "reconnect-" + seed);
        folder.update(m -> m.withBench(BenchSection.real(demo.address("pulse"), demo.address("smu"))));
        long[] writesAtStart = {-1};
        Thread[] watcher = new Thread[1];
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        RunListener listener = new RunListener() {
            @Override
            public void acquisitionStarting(long totalBits) {
                writesAtStart[0] = demo.sim.pulsesDelivered("pulse", 1);
                if (timed) {
                    // The SMU answers a paced batch after its modelled duration, so the fault lands while it runs.
                    demo.sim.waitModelledTimes(true);
                }
                watcher[0] = new Thread(() -> {
                    try {
                        while (demo.sim.pulsesDelivered("pulse", 1) < writesAtStart[0] + afterWrites) {
                            if (ended.get()) {
                                return;
                            }
                            Thread.sleep(1);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    fault.accept(demo.sim.faults());
                }, "fault-watcher");
                watcher[0].setDaemon(true);
                watcher[0].start();
            }
        };
        IOException failure = null;
        try (Bench bench = demo.connect()) {
            new CalibratedAcquisition(bench, plan, folder, demo.wire, listener).run();
        } catch (IOException e) {
            failure = e;
        }
        ended.set(true);
        watcher[0].join(5_000);
        long acquisitionWrites = demo.sim.pulsesDelivered("pulse", 1) - writesAtStart[0];
        List<PulseOutcome> writes = demo.sim.node(0).pulseOutcomes().stream()
                .filter(o -> o.source().equals("pulse ch1")).toList();
        List<String[]> events = new ArrayList<>();
        for (String line : Files.readAllLines(folder.file(AcquisitionEngine.EVENTS_FILE)).subList(1,
                Files.readAllLines(folder.file(AcquisitionEngine.EVENTS_FILE)).size())) {
            events.add(line.split(",", 4));
        }
        return new Outcome(demo, RunFolder.open(folder.dir()), failure,
                writes.subList(writes.size() - (int) acquisitionWrites, writes.size()), events);
    }

    private static int[] bitsBin(RunFolder folder, long bits) throws IOException {
        byte[] packed = Files.readAllBytes(folder.file(AcquisitionEngine.BITS_FILE));
        assertEquals((bits + 7) / 8, packed.length, "bits.bin holds exactly the confirmed bits");
        int[] out = new int[(int) bits];
        for (int i = 0; i < bits; i++) {
            out[i] = (packed[i >>> 3] >> (7 - (i & 7))) & 1;
        }
        return out;
    }

    private static long sum(List<String[]> events, String kind) {
        return events.stream().filter(e -> e[1].equals(kind)).mapToLong(e -> Long.parseLong(e[2])).sum();
    }

    private static long count(List<String[]> events, String kind) {
        return events.stream().filter(e -> e[1].equals(kind)).count();
    }

    /**
     * The run completed after one reconnect, and bits.bin is the junction's record with the discarded writes and the
     * check's writes cut out at the bit index the run continued from (the write in flight when the link failed, if
     * any, made no read and is cut out with them).
     */
    private static void assertCompletedWithTheJunctionsBits(Outcome o, long bits) throws IOException {
        assertEquals(null, o.failure(), () -> "the run failed: " + o.failure());
        RunManifest m = o.folder().manifest();
        assertEquals("complete", m.status());
        assertEquals(bits, m.bits());
        assertEquals(1, count(o.events(), "reconnected"), "one reconnect in events.csv");
        long discarded = sum(o.events(), "discarded");
        assertTrue(discarded > 0, "the batch in flight was discarded and recorded");
        assertEquals(discarded, m.acquisition().discardedUnconfirmedBits(), "the manifest counts the discarded bits");
        String reconnected = o.events().stream().filter(e -> e[1].equals("reconnected")).findFirst().orElseThrow()[3];
        Matcher at = Pattern.compile("continuing at bit index (\\d+)").matcher(reconnected);
        assertTrue(at.find(), reconnected);
        assertTrue(reconnected.contains("operating-point check"), reconnected);
        int confirmedBefore = Integer.parseInt(at.group(1));
        assertTrue(confirmedBefore > 0 && confirmedBefore < bits, "fault mid-run, at bit " + confirmedBefore);

        int[] kept = bitsBin(o.folder(), bits);
        List<PulseOutcome> writes = o.acquisitionWrites();
        // The unconfirmed span: the discarded bits' writes, fewer when the fault cut the batch short in the
        // instrument (a rebooted generator fires no more), one more when a per-bit write was in flight without a read.
        long unconfirmedWrites = writes.size() - bits - OperatingPointCheck.CHECK_BITS;
        assertTrue(unconfirmedWrites >= 0 && unconfirmedWrites <= discarded + 1, "junction writes " + writes.size()
                + " = " + bits + " kept + " + OperatingPointCheck.CHECK_BITS + " checked + at most " + discarded
                + " discarded (+ one in flight)");
        int resumeAt = (int) (confirmedBefore + unconfirmedWrites + OperatingPointCheck.CHECK_BITS);
        for (int i = 0; i < bits; i++) {
            int write = i < confirmedBefore ? i : resumeAt + i - confirmedBefore;
            int truth = writes.get(write).antiparallelAfter() ? 1 : 0;
            assertEquals(truth, kept[i], "bit " + i + " against the junction's write " + write);
        }
        assertTrue(Files.exists(o.folder().file("reconnect-1-at-bit-" + confirmedBefore + "-check.csv")));
        assertOutputsOff(o.demo());
    }

    private static void assertOutputsOff(DemoBench demo) {
        assertFalse(demo.sim.outputOn("pulse", 1), "pulse ch1 on");
        assertFalse(demo.sim.outputOn("pulse", 2), "pulse ch2 on");
        assertFalse(demo.sim.outputOn("smu", 1), "smu on");
    }

    private static AcquisitionPlan perBit(long bits) throws IOException {
        return SmallPlans.demoWith(bits).withReconnect(QUICK);
    }

    private static AcquisitionPlan batched(long bits) throws IOException {
        return SmallPlans.demoWith(bits).withScheme(BATCHED).withReconnect(QUICK);
    }

    /** Silences the role now and lets it answer again after {@code millis}, as a stalled instrument that recovers. */
    private static Consumer<FaultInjector> stall(String role, long millis) {
        return faults -> {
            faults.silence(role);
            Thread clear = new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                faults.clear(role);
            });
            clear.setDaemon(true);
            clear.start();
        };
    }

    @Test
    void perBitDropMidBatch() throws Exception {
        Outcome o = run(81, perBit(2_000), false, 600, f -> f.dropConnections("smu"));
        try (DemoBench closing = o.demo()) {
            assertCompletedWithTheJunctionsBits(o, 2_000);
        }
    }

    @Test
    void perBitStallMidBatch() throws Exception {
        Outcome o = run(82, perBit(2_000), false, 600, stall("pulse", 2_500));
        try (DemoBench closing = o.demo()) {
            assertCompletedWithTheJunctionsBits(o, 2_000);
        }
    }

    @Test
    void perBitRebootMidBatch() throws Exception {
        Outcome o = run(83, perBit(2_000), false, 600, f -> f.reboot("smu", Duration.ofMillis(400)));
        try (DemoBench closing = o.demo()) {
            assertCompletedWithTheJunctionsBits(o, 2_000);
        }
    }

    @Test
    void batchedDropMidBatch() throws Exception {
        Outcome o = run(84, batched(1_000), true, 260, f -> f.dropConnections("smu"));
        try (DemoBench closing = o.demo()) {
            assertCompletedWithTheJunctionsBits(o, 1_000);
        }
    }

    @Test
    void batchedStallMidBatch() throws Exception {
        Outcome o = run(85, batched(1_000), true, 260, stall("smu", 2_500));
        try (DemoBench closing = o.demo()) {
            assertCompletedWithTheJunctionsBits(o, 1_000);
        }
    }

    @Test
    void batchedRebootMidBatch() throws Exception {
        Outcome o = run(86, batched(1_000), true, 260, f -> f.reboot("pulse", Duration.ofMillis(400)));
        try (DemoBench closing = o.demo()) {
            assertCompletedWithTheJunctionsBits(o, 1_000);
        }
    }

    @Test
    void anInstrumentWithAnotherSerialIsRefused() throws Exception {
        Outcome o = run(87, perBit(2_000), false, 600,
                f -> f.rebootAs("smu", Duration.ofMillis(200), "SWAPPED-0001"));
        try (DemoBench demo = o.demo()) {
            assertTrue(o.failure() != null, "the run must not go on with another instrument");
            String line = o.failure().getMessage();
            assertTrue(line.startsWith("smu at "), line);
            assertTrue(line.contains("now answers '") && line.contains("SWAPPED-0001"), line);
            assertTrue(line.contains("not the instrument this run started with"), line);
            assertTrue(line.contains("check the wiring"), line);
            assertEquals(0, count(o.events(), "reconnected"));
            RunManifest m = o.folder().manifest();
            assertEquals("failed", m.status());
            assertTrue(m.bits() > 0 && m.bits() < 2_000, "confirmed bits kept: " + m.bits());
            bitsBin(o.folder(), m.bits());
            assertTrue(sum(o.events(), "discarded") > 0, "the batch in flight was recorded as discarded");
            assertOutputsOff(demo);
        }
    }

    @Test
    void anInstrumentThatStaysAwayEndsTheRunFailedWithOneClearLine() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(2_000).withReconnect(new ReconnectPolicy(3, 0.05, 2, 0.2));
        Outcome o = run(88, plan, false, 600, f -> f.reboot("smu", Duration.ofSeconds(60)));
        try (DemoBench demo = o.demo()) {
            assertTrue(o.failure() != null, "the run cannot complete without its SMU");
            String line = o.failure().getMessage();
            assertFalse(line.contains("\n"), "one line: " + line);
            assertTrue(line.startsWith("smu at " + demo.address("smu")), line);
            assertTrue(line.contains("gave up after 3 reconnect attempts"), line);
            assertTrue(line.contains("spinnoise acquire --resume " + o.folder().dir()), line);
            RunManifest m = o.folder().manifest();
            assertEquals("failed", m.status());
            assertEquals(line, m.run().error());
            assertTrue(m.bits() > 0 && m.bits() < 2_000, "confirmed bits kept: " + m.bits());
            assertTrue(line.contains("keeps its " + m.bits() + " confirmed bits"), line);
            bitsBin(o.folder(), m.bits());
            assertTrue(sum(o.events(), "discarded") > 0, "the batch in flight was recorded as discarded");
            assertOutputsOff(demo);
        }
    }

    @Test
    void anErrorTheInstrumentReportsIsNotReconnected() throws Exception {
        // A refused trigger is an error in the generator's *ESR?, not a lost link: the run fails as it always did.
        Outcome o = run(89, perBit(2_000), false, 600, f -> f.ignoreEveryNthTrigger("pulse", 3));
        try (DemoBench demo = o.demo()) {
            assertTrue(o.failure() != null, "an instrument error must end the run");
            assertTrue(o.failure().getMessage().contains("-211"), o.failure().getMessage());
            assertEquals(0, count(o.events(), "reconnected"));
            assertEquals("failed", o.folder().manifest().status());
            assertOutputsOff(demo);
        }
    }
}
