package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.JunctionArray;
import org.spinnoise.run.manifest.RunStatus;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.BenchSites;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.testing.DemoBench;

/**
 * Issue 16: an array run survives the loss of one junction. On the simulated four-site array bench, junction 3's flat
 * curve is refused at calibration, junction 1 breaks down mid-run (a surge on the junction itself, as in a lab), and
 * the run completes with junctions 0 and 2: the lost junction is dropped and reported, none of its bits made after the
 * breakdown reach the run, and every output of every site is off at the end.
 */
class ArrayRunTest {
    @TempDir
    Path runs;

    @Test
    void anArrayRunSurvivesTheLossOfOneJunction() throws Exception {
        long bits = 12_000;
        AcquisitionPlan plan = SmallPlans.demoWith(bits).withScheme(new AcquisitionPlan.SchemePlan("batched", 1, 1000));
        BenchFile file = BenchFile.read(Path.of("mock-instruments/benches/demo-array.json"));
        RunFolder folder = RunFolder.create(runs, "array");
        AtomicBoolean broken = new AtomicBoolean();
        ArrayRunSummary summary;
        List<BenchSites.Site> sites = BenchSites.of(file);
        assertEquals(4, sites.size());
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
                            sim.junction(1).applyPulse(2.0, 1e-8); // beyond its 1.6 V breakdown: shorted for good
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
            for (int j : new int[]{0, 2, 3}) {
                assertFalse(sim.junction(j).stress().brokenDown(), "junction " + j);
                assertTrue(sim.junction(j).stress().maxAbsVolts() <= plan.limits().maxJunctionVolts());
            }
        }
        assertTrue(broken.get());

        RunManifest m = RunFolder.open(folder.dir()).manifest();
        RunStatus run = m.run();
        assertEquals("complete", run.status(), String.valueOf(run.error()));
        assertEquals(bits, m.bits());
        assertEquals(bits, summary.bits());
        assertTrue(run.safeState().keySet().containsAll(List.of("junction-0 pulse ch1", "junction-3 smu")));
        assertTrue(run.safeState().values().stream().noneMatch(v -> v.startsWith("FAILED")), run.safeState().toString());

        List<JunctionArray.Junction> js = m.array().junctions();
        assertEquals(List.of("kept", "dropped", "kept", "not-calibrated"),
                js.stream().map(JunctionArray.Junction::status).toList());
        assertTrue(js.get(3).reason().contains("never crossed p = 1/2"), js.get(3).reason());
        assertEquals(0, js.get(3).bits());
        assertTrue(js.get(1).reason() != null && !js.get(1).reason().isBlank());
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

        // junctions.csv says the same, one row per junction.
        List<String> table = Files.readAllLines(folder.file(ArrayAcquisition.JUNCTIONS_FILE));
        assertEquals(ArrayAcquisition.JUNCTIONS_HEADER, table.get(0));
        assertEquals(5, table.size());
        assertTrue(table.get(2).startsWith("1," + js.get(1).bits() + ","), table.get(2));
        assertTrue(table.get(2).contains(",dropped,"), table.get(2));

        // Which junction made each bit: the blocks cover bits.bin exactly, and no read of junction 1 handed out is a
        // read of the shorted junction (its 20 ohm), so none of its bits after the breakdown reached the run.
        List<String> blocks = Files.readAllLines(folder.file(ArrayAcquisition.BLOCKS_FILE));
        List<String> reads = Files.readAllLines(folder.file(AcquisitionEngine.READS_FILE));
        assertEquals(bits + 1, reads.size());
        long next = 0;
        long[] byJunction = new long[4];
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
                    assertTrue(ohms > 1000, "bit " + i + " of junction 1 read " + ohms + " ohm");
                }
            }
        }
        assertEquals(bits, next);
        for (int j = 0; j < 4; j++) {
            assertEquals(js.get(j).bits(), byJunction[j]);
        }
        assertEquals((bits + 7) / 8, Files.size(folder.file(AcquisitionEngine.BITS_FILE)));
        String events = Files.readString(folder.file(AcquisitionEngine.EVENTS_FILE));
        assertTrue(events.contains(",junction-dropped,") && events.contains("junction 1 dropped"), events);
    }
}
