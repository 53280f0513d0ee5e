package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.Resume;
import org.spinnoise.testing.DemoBench;

/**
 * {@code acquire --resume}: an interrupted bench run continues into the same files, every bit once and in order,
 * after the same instruments and the operating point were checked; runs that cannot be resumed are refused in one line.
 */
class ResumedAcquisitionTest {
    private static final long BITS = 3_000;

    @TempDir
    Path runs;

    @Test
    void anInterruptedRunResumesIntoTheSameFilesWithoutLosingOrRepeatingABit() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(BITS);
        RunFolder folder = RunFolder.create(runs, "resumable");
        try (DemoBench bench = DemoBench.start(61)) {
            folder.update(m -> m.withBench(BenchSection.real(bench.address("pulse"), bench.address("smu"))));
            RunStopper stopper = RunStopper.never();
            RunListener stopAt1000 = new RunListener() {
                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= 1000) {
                        stopper.requestStop("test");
                    }
                }
            };
            try (Bench connected = bench.connect()) {
                assertThrows(RunStoppedException.class,
                        new CalibratedAcquisition(connected, plan, folder, bench.wire, stopAt1000, stopper)::run);
            }
            RunManifest stopped = RunFolder.open(folder.dir()).manifest();
            assertEquals("interrupted", stopped.status());
            long before = stopped.bits();
            assertTrue(before >= 1000 && before < BITS, "bits " + before);
            byte[] keptBits = Files.readAllBytes(folder.file("bits.bin"));
            assertEquals((before + 7) / 8, keptBits.length);
            // What a writer might leave beyond the manifest's count: the resume must cut it, not keep it.
            Files.write(folder.file("bits.bin"), new byte[] {(byte) 0xFF}, StandardOpenOption.APPEND);
            Files.writeString(folder.file("reads.csv"), "999999,0,0.5,2.0E-8,3000.0,1\n", StandardOpenOption.APPEND);

            try (WireLog wire = new WireLog()) {
                ResumedAcquisition resumed = ResumedAcquisition.open(folder.dir(), wire, new RunListener() { },
                        RunStopper.never());
                wire.recordTo(resumed.transcript());
                RunSummary summary = resumed.run();
                assertEquals(BITS, summary.bits());
            }

            RunManifest done = RunFolder.open(folder.dir()).manifest();
            assertEquals("complete", done.status());
            assertEquals(BITS, done.bits());
            assertEquals(stopped.run().started(), done.run().started());
            Resume resume = done.resumes().get(0);
            assertEquals("interrupted", resume.resumedFrom());
            assertEquals(before, resume.bitsBefore());
            assertEquals(BITS, resume.bitsAfter());
            assertEquals(ResumedAcquisition.CHECK_BITS, resume.checkBits());
            assertEquals(stopped.healthTests(), resume.healthTestsBefore());
            assertEquals(BITS - before, done.healthTests().get(0).samples(), "the health tests restarted");
            assertTrue(done.run().safeState().values().stream().allMatch(s -> s.startsWith("off")),
                    done.run().toString());
            assertTrue(done.files().containsKey("wire-transcript-resume-1.log.gz"), done.files().keySet().toString());

            byte[] all = Files.readAllBytes(folder.file("bits.bin"));
            assertEquals((BITS + 7) / 8, all.length);
            assertArrayEquals(Arrays.copyOf(keptBits, (int) (before / 8)), Arrays.copyOf(all, (int) (before / 8)));
            List<String> reads = Files.readAllLines(folder.file("reads.csv"));
            assertEquals(BITS + 1, reads.size());
            long ones = 0;
            for (int i = 0; i < BITS; i++) {
                String line = reads.get(i + 1);
                assertTrue(line.startsWith(i + ","), "line " + (i + 1) + ": " + line);
                int bit = line.charAt(line.length() - 1) - '0';
                assertEquals((all[i >>> 3] >>> (7 - (i & 7))) & 1, bit, "bit " + i);
                ones += bit;
            }
            assertEquals(ones, done.acquisition().ones());
        }
    }

    @Test
    void otherInstrumentsAtTheSameAddressAreRefusedBeforeAnyBitIsAppended() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(2_000);
        RunFolder folder = RunFolder.create(runs, "other-smu");
        try (DemoBench bench = DemoBench.start(62)) {
            folder.update(m -> m.withBench(BenchSection.real(bench.address("pulse"), bench.address("smu"))));
            RunStopper stopper = RunStopper.never();
            RunListener stopAt500 = new RunListener() {
                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= 500) {
                        stopper.requestStop("test");
                    }
                }
            };
            try (Bench connected = bench.connect()) {
                assertThrows(RunStoppedException.class,
                        new CalibratedAcquisition(connected, plan, folder, bench.wire, stopAt500, stopper)::run);
            }
            // The manifest says the run was made with another SMU than the one now at its address.
            RunFolder stopped = RunFolder.open(folder.dir());
            org.spinnoise.scpi.Identity smu = stopped.manifest().instruments().smu();
            stopped.update(m -> m.withInstruments(new org.spinnoise.run.manifest.Instruments(m.instruments().pulse(),
                    new org.spinnoise.scpi.Identity(smu.manufacturer(), smu.model(), "9999999", smu.firmware(),
                            smu.raw()), m.instruments().pulseSettings(), m.instruments().smuSettings())));
            stopped.saveManifest();
            long before = stopped.manifest().bits();
            byte[] keptBits = Files.readAllBytes(folder.file("bits.bin"));

            try (WireLog wire = new WireLog()) {
                ResumedAcquisition resumed = ResumedAcquisition.open(folder.dir(), wire, new RunListener() { },
                        RunStopper.never());
                IOException e = assertThrows(IOException.class, resumed::run);
                assertEquals("smu at " + bench.address("smu") + " is " + smu.model() + " serial " + smu.serialNumber()
                        + ", but the run was made with " + smu.model() + " serial 9999999; connect the same "
                        + "instrument, or start a new run", e.getMessage());
            }
            RunManifest after = RunFolder.open(folder.dir()).manifest();
            assertEquals("failed", after.status());
            assertEquals(before, after.bits());
            assertArrayEquals(keptBits, Files.readAllBytes(folder.file("bits.bin")));
        }
    }

    @Test
    void aCompleteRunIsRefused() throws Exception {
        RunFolder folder = RunFolder.create(runs, "complete");
        folder.update(m -> m.withRun(new org.spinnoise.run.manifest.RunStatus("bench", "2026-12-01T00:00:00Z",
                "complete", null, null, null, null, null)));
        folder.saveManifest();
        IOException e = assertThrows(IOException.class,
                () -> ResumedAcquisition.open(folder.dir(), new WireLog(), new RunListener() { }, RunStopper.never()));
        assertEquals(folder.dir() + " is complete (0 bits); there is nothing to resume: start a new run with "
                + "spinnoise acquire", e.getMessage());
    }

    @Test
    void aFolderThatIsNotARunIsRefused() throws Exception {
        Path notARun = Files.createDirectories(runs.resolve("photos"));
        IOException e = assertThrows(IOException.class,
                () -> ResumedAcquisition.open(notARun, new WireLog(), new RunListener() { }, RunStopper.never()));
        assertEquals(notARun + " is not a run folder: it has no manifest.json", e.getMessage());
    }
}
