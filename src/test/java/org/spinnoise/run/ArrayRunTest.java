package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.TrackingRow;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.JunctionArray;
import org.spinnoise.run.manifest.RunStatus;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.BenchSites;
import org.spinnoise.sim.InstrumentSpec;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.testing.DemoBench;

/**
 * Issue 16: an array run survives the loss of one junction. On the simulated array bench, junction 1 breaks down
 * mid-run (a surge on the junction itself, as in a lab): shorted, which its SMU reports, or collapsed to a resistance
 * the SMU reads without complaint, which only its own health tests catch. Either way the run completes with junctions
 * 0 and 2, the lost junction is dropped and reported, none of its bits made after the loss reach the run, and every
 * output of every site is off at the end. On the four-site bench, junction 3's flat curve is refused at calibration.
 */
class ArrayRunTest {
    @TempDir
    Path runs;

    /** What a run on an array bench left behind. */
    private record Outcome(RunFolder folder, RunManifest manifest, List<JunctionArray.Junction> junctions,
                           ArrayRunSummary summary) {
    }

    @Test
    void anArrayRunSurvivesTheLossOfOneJunction() throws Exception {
        long bits = 12_000;
        // A surge shorts junction 1: its SMU reads 20 ohm at its current limit and the junction's source fails.
        Outcome o = runLosingJunction1(BenchFile.read(Path.of("mock-instruments/benches/demo-array.json")), bits,
                TrackingPlan.OFF);
        List<JunctionArray.Junction> js = o.junctions();
        assertEquals(List.of("kept", "dropped", "kept", "not-calibrated"),
                js.stream().map(JunctionArray.Junction::status).toList());
        assertTrue(js.get(3).reason().contains("never crossed p = 1/2"), js.get(3).reason());
        assertEquals(0, js.get(3).bits());
        assertTrue(js.get(3).safeState() != null, "the junction left out was made safe at once");
        assertTrue(js.get(1).reason().contains("shorted"), js.get(1).reason());
        assertKeptBitsAreJunction1sOnlyBeforeItsLoss(o, bits, 1000);

        List<String> table = Files.readAllLines(o.folder().file(ArrayAcquisition.JUNCTIONS_FILE));
        assertEquals(ArrayAcquisition.JUNCTIONS_HEADER, table.get(0));
        assertEquals(5, table.size());
        assertTrue(table.get(2).startsWith("1," + js.get(1).bits() + ","), table.get(2));
        assertTrue(table.get(2).contains(",dropped,"), table.get(2));
        assertTrue(table.get(4).contains(",not-calibrated,"), table.get(4));
    }

    @Test
    void aJunctionWhoseBitsStickAfterATmrCollapseIsDroppedByItsOwnHealthTests() throws Exception {
        long bits = 12_000;
        Outcome o = runLosingJunction1(threeSitesJunction1CollapsingTo1Kohm(), bits, TrackingPlan.OFF);
        List<JunctionArray.Junction> js = o.junctions();
        assertEquals(List.of("kept", "dropped", "kept"), js.stream().map(JunctionArray.Junction::status).toList());
        assertTrue(js.get(1).reason().startsWith("health tests failed") && js.get(1).reason().contains("repetition"),
                js.get(1).reason());
        assertEquals(1, js.get(1).healthFailures());
        assertKeptBitsAreJunction1sOnlyBeforeItsLoss(o, bits, 1500);
    }

    @Test
    void aTrackedJunctionThatLeavesItsRangeIsDroppedByItsTrackerAndTheOthersGoOn() throws Exception {
        long bits = 12_000;
        Outcome o = runLosingJunction1(threeSitesJunction1CollapsingTo1Kohm(), bits,
                TrackingPlan.DEFAULT.withWindowBits(2000));
        List<JunctionArray.Junction> js = o.junctions();
        assertEquals(List.of("kept", "dropped", "kept"), js.stream().map(JunctionArray.Junction::status).toList());
        assertTrue(js.get(1).reason().startsWith("its source failed: junction 1: "), js.get(1).reason());
        assertEquals(0, js.get(1).healthFailures(), "its tracker's range guard caught it before its health tests");
        assertKeptBitsAreJunction1sOnlyBeforeItsLoss(o, bits, 1500);
    }

    /**
     * Three sites of the array bench; junction 1 collapses to 1 kohm when it breaks: within the SMU's range, so only
     * its reads and bits say it is lost.
     */
    private static BenchFile threeSitesJunction1CollapsingTo1Kohm() throws Exception {
        BenchFile array = BenchFile.read(Path.of("mock-instruments/benches/demo-array.json"));
        List<JunctionSpec> junctions = new ArrayList<>(array.junctions().subList(0, 3));
        JunctionSpec j1 = junctions.get(1);
        junctions.set(1, new JunctionSpec(j1.v50Volts(), j1.deltaVolts(), j1.referenceWidthSeconds(),
                j1.v50ShiftVoltsPerDecade(), j1.resetV50Volts(), j1.resistanceParallelOhms(),
                j1.resistanceAntiparallelOhms(), j1.readNoiseRelative(), j1.v50DriftVoltsPerHour(),
                j1.breakdownVolts(), 1000));
        Map<String, InstrumentSpec> instruments = new LinkedHashMap<>(array.instruments());
        instruments.keySet().removeAll(List.of("pulse-4", "smu-4"));
        return new BenchFile(array.source() + " (sites 1 to 3, junction 1 collapsing to 1 kohm)",
                array.name(), array.seed(), junctions, instruments, array.models(), array.timing(),
                array.triggerLines().subList(0, 3));
    }

    @Test
    void aTrackedArrayRunTracksEveryJunctionIntoOneTrackingFile() throws Exception {
        long bits = 12_000;
        BenchFile three = demoArraySites(3);
        AcquisitionPlan plan = SmallPlans.demoWith(bits).withScheme(new AcquisitionPlan.SchemePlan("batched", 1,
                1000)).withTracking(TrackingPlan.DEFAULT.withWindowBits(2000));
        RunFolder folder = RunFolder.create(runs, "tracked-array");
        runOnEverySite(three, 17, plan, folder);
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", m.run().status(), String.valueOf(m.run().error()));
        List<String> tracking = Files.readAllLines(folder.file(BenchAcquisition.TRACKING_FILE));
        assertEquals(TrackingRow.HEADER, tracking.get(0));
        for (int j = 0; j < 3; j++) {
            String id = Integer.toString(j);
            long rows = tracking.stream().skip(1).filter(l -> l.split(",")[2].equals(id)).count();
            assertTrue(rows >= 1, "junction " + j + " has " + rows + " tracking rows: " + tracking);
            assertEquals(CalibrationTables.SWEEP_HEADER, Files.readAllLines(folder.file("junction-" + j
                    + "-sweep.csv")).get(0), "junction " + j + "'s sweep table has the fit's band");
            assertTrue(Files.exists(folder.file("junction-" + j + "-threshold.csv")));
            assertEquals(JunctionArray.KEPT, m.array().junctions().get(j).status());
        }
    }

    /** The demo array bench cut to its first {@code n} sites (junctions, instruments and trigger lines). */
    static BenchFile demoArraySites(int n) throws Exception {
        BenchFile array = BenchFile.read(Path.of("mock-instruments/benches/demo-array.json"));
        Map<String, InstrumentSpec> instruments = new LinkedHashMap<>(array.instruments());
        for (int site = n + 1; site <= array.junctions().size(); site++) {
            instruments.keySet().removeAll(List.of("pulse-" + site, "smu-" + site));
        }
        return new BenchFile(array.source() + " (sites 1 to " + n + ")", array.name(), array.seed(),
                array.junctions().subList(0, n), instruments, array.models(), array.timing(),
                array.triggerLines().subList(0, n));
    }

    /** Runs {@code plan} as an array run on every site of {@code bench}, simulated with {@code seed}. */
    static void runOnEverySite(BenchFile bench, long seed, AcquisitionPlan plan, RunFolder folder) throws Exception {
        try (SimulatedBench sim = SimulatedBench.start(bench, seed); WireLog wire = new WireLog()) {
            List<ArrayAcquisition.Site> connected = new ArrayList<>();
            try {
                for (BenchSites.Site site : BenchSites.of(bench)) {
                    String pulse = sim.address(site.pulseRole()) + "?timeout_ms=" + DemoBench.TIMEOUT_MS;
                    String smu = sim.address(site.smuRole()) + "?timeout_ms=" + DemoBench.TIMEOUT_MS;
                    connected.add(new ArrayAcquisition.Site(Bench.connect(pulse, smu, 1, 2, plan.limits(), wire),
                            pulse, smu));
                }
                new ArrayAcquisition(connected, plan, folder, wire, new RunListener() { }, RunStopper.never(),
                        ArrayAcquisition.JunctionWrapper.NONE).run();
            } finally {
                connected.forEach(s -> s.bench().close());
            }
        }
    }

    /**
     * Runs the small demo recipe (batched) on an array bench, breaking junction 1 with a 2 V surge on the junction
     * itself once a quarter of the bits are in, each junction tracked as {@code tracking} says; checks the run
     * completes with every output off.
     */
    private Outcome runLosingJunction1(BenchFile file, long bits, TrackingPlan tracking) throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(bits).withScheme(new AcquisitionPlan.SchemePlan("batched", 1,
                1000)).withTracking(tracking);
        RunFolder folder = RunFolder.create(runs, "array");
        AtomicBoolean broken = new AtomicBoolean();
        ArrayRunSummary summary;
        List<BenchSites.Site> sites = BenchSites.of(file);
        try (SimulatedBench sim = SimulatedBench.start(file, 16); WireLog wire = new WireLog()) {
            List<ArrayAcquisition.Site> connected = new ArrayList<>();
            try {
                for (BenchSites.Site site : sites) {
                    assertEquals(connected.size(), site.junction(), "sites in junction order");
                    String pulse = sim.address(site.pulseRole()) + "?timeout_ms=" + DemoBench.TIMEOUT_MS;
                    String smu = sim.address(site.smuRole()) + "?timeout_ms=" + DemoBench.TIMEOUT_MS;
                    connected.add(new ArrayAcquisition.Site(Bench.connect(pulse, smu, 1, 2, plan.limits(), wire),
                            pulse, smu));
                }
                RunListener breakJunction1 = new RunListener() {
                    @Override
                    public void acquired(long got, long total) {
                        if (got >= bits / 4 && !broken.getAndSet(true)) {
                            sim.junction(1).applyPulse(2.0, 1e-8); // beyond its 1.6 V breakdown, for good
                        }
                    }
                };
                summary = new ArrayAcquisition(connected, plan, folder, wire, breakJunction1, RunStopper.never(),
                        ArrayAcquisition.JunctionWrapper.NONE).run();
            } finally {
                connected.forEach(s -> s.bench().close());
            }
            for (String role : file.instruments().keySet()) {
                int channels = role.startsWith("pulse") ? 2 : 1;
                for (int ch = 1; ch <= channels; ch++) {
                    assertFalse(sim.outputOn(role, ch), role + " channel " + ch + " left on");
                }
            }
            assertTrue(sim.junction(1).stress().brokenDown());
            for (int j = 0; j < sites.size(); j++) {
                if (j != 1) {
                    assertFalse(sim.junction(j).stress().brokenDown(), "junction " + j);
                    assertTrue(sim.junction(j).stress().maxAbsVolts() <= plan.limits().maxJunctionVolts());
                }
            }
        }
        assertTrue(broken.get());
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        RunStatus run = m.run();
        assertEquals("complete", run.status(), String.valueOf(run.error()));
        assertEquals(bits, m.bits());
        assertEquals(bits, summary.bits());
        assertTrue(run.safeState().keySet().containsAll(List.of("junction-0 pulse ch1",
                "junction-" + (sites.size() - 1) + " smu")), run.safeState().toString());
        assertTrue(run.safeState().values().stream().noneMatch(v -> v.startsWith("FAILED")), run.safeState().toString());
        return new Outcome(folder, m, m.array().junctions(), summary);
    }

    /**
     * Junctions 0 and 2 kept with fair bits and their own V50, junction 1 dropped and reported, the per-junction
     * counts adding up to the run's, and, read by read, no bit of junction 1 in the run made after its loss (every
     * read of it above {@code intactAboveOhms}).
     */
    private static void assertKeptBitsAreJunction1sOnlyBeforeItsLoss(Outcome o, long bits, double intactAboveOhms)
            throws Exception {
        RunManifest m = o.manifest();
        List<JunctionArray.Junction> js = o.junctions();
        assertTrue(js.get(1).safeState() != null, "the dropped junction's outputs were made safe when it was dropped");
        assertTrue(js.get(1).bits() < js.get(0).bits() && js.get(1).bits() < js.get(2).bits());
        assertTrue(js.get(1).bitsDiscarded() > 0);
        assertEquals(bits, js.stream().mapToLong(JunctionArray.Junction::bits).sum());
        assertEquals(m.acquisition().ones(), js.stream().mapToLong(JunctionArray.Junction::ones).sum());
        for (int j : new int[]{0, 2}) {
            assertEquals(0, js.get(j).healthFailures());
            assertTrue(Math.abs(js.get(j).bias()) < 0.05, "junction " + j + " bias " + js.get(j).bias());
            assertTrue(js.get(j).v50Volts() > 0.4 && js.get(j).v50Volts() < 0.6, "V50 " + js.get(j).v50Volts());
        }
        assertTrue(js.get(0).v50Volts() < js.get(2).v50Volts(), "junction 0 has the lower V50");
        assertTrue(m.acquisition().healthPassed(), "the kept bits pass the run's health tests");

        List<String> blocks = Files.readAllLines(o.folder().file(ArrayAcquisition.BLOCKS_FILE));
        List<String> reads = Files.readAllLines(o.folder().file(AcquisitionEngine.READS_FILE));
        assertEquals(bits + 1, reads.size());
        long next = 0;
        long[] byJunction = new long[js.size()];
        for (String row : blocks.subList(1, blocks.size())) {
            String[] f = row.split(",");
            long first = Long.parseLong(f[0]);
            int n = Integer.parseInt(f[1]);
            int junction = Integer.parseInt(f[2]);
            assertEquals(next, first);
            next += n;
            byJunction[junction] += n;
            if (junction == 1) {
                for (long i = first; i < first + n; i++) {
                    double ohms = Double.parseDouble(reads.get((int) i + 1).split(",")[4]);
                    assertTrue(ohms > intactAboveOhms, "bit " + i + " of junction 1 read " + ohms + " ohm");
                }
            }
        }
        assertEquals(bits, next);
        for (int j = 0; j < js.size(); j++) {
            assertEquals(js.get(j).bits(), byJunction[j]);
        }
        assertEquals((bits + 7) / 8, Files.size(o.folder().file(AcquisitionEngine.BITS_FILE)));
        String events = Files.readString(o.folder().file(AcquisitionEngine.EVENTS_FILE));
        assertTrue(events.contains(",junction-dropped,") && events.contains("junction 1 dropped"), events);
        var ledger = RunEnergy.read(o.folder().dir());
        assertTrue(ledger != null && ledger.computed(), "the energy ledger counts the dropped junction's cycles too: "
                + (ledger == null ? "no energy.json" : ledger.notComputed()));
        assertTrue(ledger.operations().stream().anyMatch(op -> op.kind().equals("read, no bit kept")),
                ledger.operations().toString());
    }
}
