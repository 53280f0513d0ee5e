package org.spinnoise.sim.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.RunSummary;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;
import org.spinnoise.sim.board.CorruptionSpec;
import org.spinnoise.sim.board.SentRecord;

/**
 * The producing half of the soak, on one thread: turn about, a board run over the board protocol (a fresh emulator on
 * a pseudo-terminal, its frames damaged at random) and a bench run over SCPI (a fresh simulated bench, calibrated and
 * acquired by address exactly as {@code spinnoise demo} does); faults injected into each while it runs. After each
 * run: the outputs must be off; a completed board run's bits must be exactly the intact frames the board sent, once
 * each and in order, with every damaged frame counted by the host; a completed bench run must hold every bit it
 * planned; then the run is ingested into the pool the service serves from (and its folder removed unless kept).
 */
final class SoakAcquisitions implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SoakAcquisitions.class);
    /** The demo board's junction at V50: write 0.62 V, 10 ns; reset −1 V; comparator at its midpoint. */
    private static final BoardOperatingPoint BOARD_POINT = new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7,
            31_000, 2_000, 1);
    private static final double ALPHA = Math.scalb(1.0, -30);

    private final SoakPlan plan;
    private final EntropyPool pool;
    private final Path runsDir;
    private final FaultScheduler scheduler;
    private final FaultLedger ledger;
    private final SoakTotals totals;
    private final BooleanSupplier running;
    private final SplittableRandom seeds;
    private final RunStopper stopper;

    SoakAcquisitions(SoakPlan plan, EntropyPool pool, FaultScheduler scheduler, FaultLedger ledger,
                     SoakTotals totals, BooleanSupplier running, RunStopper stopper) {
        this.stopper = stopper;
        this.plan = plan;
        this.pool = pool;
        this.runsDir = plan.folder().resolve("runs");
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.totals = totals;
        this.running = running;
        this.seeds = new SplittableRandom(plan.seed() ^ 0x5EED_50A4L);
    }

    @Override
    public void run() {
        try {
            AcquisitionPlan benchPlan = AcquisitionPlan.demo().withBits(plan.benchBits());
            // the board first: its run is short and fills the pool, so even a soak of seconds serves something
            while (running.getAsBoolean()) {
                boardRun(seeds.nextLong());
                if (running.getAsBoolean()) {
                    benchRun(benchPlan, seeds.nextLong());
                }
                pool.compact();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("soak: the acquisition loop failed", e);
            ledger.settle(SoakFault.Target.BENCH_ACQUISITION, Map.of(), false, "acquisition loop: " + e);
        }
    }

    private void benchRun(AcquisitionPlan benchPlan, long seed) throws IOException {
        totals.benchRuns.incrementAndGet();
        try (SimulatedBench sim = SimulatedBench.start(BenchFile.demo(), seed)) {
            String pulse = withTimeout(sim.address("pulse"));
            String smu = withTimeout(sim.address("smu"));
            RunFaults faults = new RunFaults(scheduler, SoakFault.Target.BENCH_ACQUISITION,
                    new SoakFault.Running(sim, null), true);
            String failure = null;
            RunSummary summary = null;
            try {
                summary = AcquisitionLauncher.bench(new AcquisitionLauncher.Launch(runsDir, "soak-bench", faults,
                        stopper, faults::folderCreated), pulse, smu, benchPlan,
                        new BenchSection(pulse, smu, true, "built-in demo", seed, null, null, null), null);
            } catch (IOException | RuntimeException e) {
                failure = oneLine(e);
                totals.benchRunsFailed.incrementAndGet();
            } finally {
                if (settleInjected(SoakFault.Target.BENCH_ACQUISITION, faults, failure) == 0 && failure != null) {
                    totals.runsFailedWithoutFault.incrementAndGet();
                }
            }
            for (int[] output : new int[][] {{0, 1}, {0, 2}, {1, 1}}) {
                if (sim.outputOn(output[0] == 0 ? "pulse" : "smu", output[1])) {
                    totals.outputsLeftOn.incrementAndGet();
                    LOG.error("soak: {} output {} left on after bench run {}", output[0] == 0 ? "pulse" : "smu",
                            output[1], faults.folder());
                }
            }
            if (summary == null) {
                return;
            }
            totals.benchBits.addAndGet(summary.bits());
            if (summary.bits() != benchPlan.bits()) {
                totals.runsWithBitsLostOrRepeated.incrementAndGet();
                totals.bitsLostOrRepeated.addAndGet(Math.abs(benchPlan.bits() - summary.bits()));
                LOG.error("soak: bench run {} holds {} bits of {}", summary.folder(), summary.bits(), benchPlan.bits());
            }
            ingest(summary.folder(), summary.healthPassed());
        }
    }

    private void boardRun(long seed) throws IOException {
        totals.boardRuns.incrementAndGet();
        BoardBenchFile bench = BoardBenchFile.demo().withCorruption(CorruptionSpec.everyKind(plan.frameDamage()));
        BoardAcquisition.Plan boardPlan = new BoardAcquisition.Plan(plan.boardBits(), BOARD_POINT, 1.5, 4096, 64, 0.9,
                ALPHA);
        try (BoardEmulator board = BoardEmulator.start(bench, seed, true)) {
            // The soak's first run is its baseline, free of injected faults (its frames are damaged all the same):
            // the chain is seen to work, and the pool to fill, before the faults begin.
            RunFaults faults = new RunFaults(scheduler, SoakFault.Target.BOARD_STREAM,
                    new SoakFault.Running(null, board), totals.boardRuns.get() > 1);
            String failure = null;
            BoardAcquisition.Result result = null;
            try {
                result = AcquisitionLauncher.board(new AcquisitionLauncher.Launch(runsDir, "soak-board", faults,
                        stopper, faults::folderCreated), board.address(), boardPlan, null, null);
            } catch (IOException | RuntimeException e) {
                failure = oneLine(e);
                totals.boardRunsFailed.incrementAndGet();
            }
            SentRecord sent = board.record();
            Map<String, Long> damage = frameDamage(sent);
            if (result == null) {
                Map<String, Long> all = new TreeMap<>(damage);
                List<String> injected = scheduler.disarm(faults.armed());
                injected.forEach(k -> all.merge(k, 1L, Long::sum));
                if (injected.isEmpty()) {
                    totals.runsFailedWithoutFault.incrementAndGet();
                }
                ledger.settle(SoakFault.Target.BOARD_STREAM, all, true, failure);
                return;
            }
            settleInjected(SoakFault.Target.BOARD_STREAM, faults, null);
            checkBoardRun(result, sent, damage);
            ingest(result.folder(), result.healthPassed());
        }
    }

    /**
     * The host must count what the board did to its frames (corrupt chunks, lost frames, repeats, missing bits) and
     * hand on exactly the bits of the intact frames; then every damaged frame was detected and recovered from.
     */
    private void checkBoardRun(BoardAcquisition.Result result, SentRecord sent, Map<String, Long> damage)
            throws IOException {
        StreamReport stream = result.stream();
        boolean counted = stream.corruptFrames() == sent.corruptChunks() && stream.missingFrames() == sent.framesLost()
                && stream.duplicateFrames() == sent.duplicated()
                && stream.missingBits() == sent.bitsSent() - sent.bitsIntact();
        byte[] kept = Files.readAllBytes(result.folder().resolve("bits.bin"));
        byte[] intact = sent.intactBits();
        long differing = differingBits(kept, intact);
        if (!counted) {
            LOG.error("soak: board run {} counted {} but the board did {} corrupt chunks, {} lost, {} repeated, {} "
                    + "bits missing", result.folder(), stream, sent.corruptChunks(), sent.framesLost(),
                    sent.duplicated(), sent.bitsSent() - sent.bitsIntact());
        }
        if (differing != 0) {
            totals.runsWithBitsLostOrRepeated.incrementAndGet();
            totals.bitsLostOrRepeated.addAndGet(differing);
            LOG.error("soak: board run {}: {} bits differ from the board's intact frames", result.folder(), differing);
        }
        totals.boardBits.addAndGet(result.bits());
        damage.forEach((kind, n) -> ledger.add(kind, new FaultCounts(n, counted ? n : 0,
                counted && differing == 0 ? n : 0, 0)));
    }

    private static Map<String, Long> frameDamage(SentRecord sent) {
        Map<String, Long> damage = new LinkedHashMap<>();
        damage.put("frame-garbage", sent.garbageBursts());
        damage.put("frame-truncated", sent.truncated());
        damage.put("frame-bit-flipped", sent.flipped());
        damage.put("frame-dropped", sent.dropped());
        damage.put("frame-repeated", sent.duplicated());
        damage.values().removeIf(n -> n == 0);
        return damage;
    }

    /** Bits that are not where the board put them: the length difference plus the bits flipped in the common part. */
    static long differingBits(byte[] kept, byte[] intact) {
        int common = Math.min(kept.length, intact.length);
        long differing = 8L * Math.abs(kept.length - intact.length);
        for (int i = 0; i < common; i++) {
            differing += Integer.bitCount((kept[i] ^ intact[i]) & 0xFF);
        }
        return differing;
    }

    /** Settles the faults injected into a run that has ended; returns how many there were. */
    private int settleInjected(SoakFault.Target target, RunFaults faults, String failure) {
        List<String> kinds = scheduler.disarm(faults.armed());
        Map<String, Long> counts = new TreeMap<>();
        kinds.forEach(k -> counts.merge(k, 1L, Long::sum));
        ledger.settle(target, counts, faults.sourceEvents() > 0, failure);
        return kinds.size();
    }

    private void ingest(Path folder, boolean healthPassed) throws IOException {
        if (!healthPassed) {
            totals.healthFailedRuns.incrementAndGet();
            LOG.warn("soak: run {} failed its health tests; kept out of the pool", folder);
            return;
        }
        try {
            RunIngest.Result result = RunIngest.ingest(RunFolder.open(folder), pool, null, ALPHA);
            totals.bitsIngested.addAndGet(result.ingest().rawBitsIn());
            totals.poolBytesAppended.addAndGet(result.ingest().bytesOut());
        } catch (IOException | RuntimeException e) {
            totals.ingestsRefused.incrementAndGet();
            LOG.warn("soak: ingest of {} refused: {}", folder, oneLine(e));
            return;
        }
        if (!plan.keepRuns()) {
            deleteTree(folder);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The address with the plan's link timeout, when it sets one (the address's default otherwise). */
    private String withTimeout(String address) {
        return plan.linkTimeout() == null ? address : address + "?timeout_ms=" + plan.linkTimeout().toMillis();
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
