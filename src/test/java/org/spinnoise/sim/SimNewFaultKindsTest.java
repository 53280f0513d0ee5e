package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault kinds issue 18 added for the fault matrix and the soak, seen from outside: a spurious error a client
 * finds in the error queue, a serial line that vanishes under its client, a byte of a file inverted, a full disk
 * that is the kernel's own.
 */
class SimNewFaultKindsTest {
    @TempDir
    Path dir;

    @Test
    void aSpuriousErrorIsQueuedAndFlaggedThoughNoCommandCausedIt() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), 9L);
             LineClient smu = LineClient.connect(bench.address("smu"))) {
            assertEquals("0", smu.query("*ESR?"));
            bench.faults().raiseSpuriousError("smu", -310);
            assertEquals("8", smu.query("*ESR?"), "device-dependent error bit");
            assertTrue(smu.query(":SYST:ERR?").startsWith("-310,"));
            assertEquals(-310, bench.errorsRaised("smu").get(bench.errorsRaised("smu").size() - 1).code());
            assertThrows(IllegalArgumentException.class, () -> bench.faults().raiseSpuriousError("smu", 5));
        }
    }

    @Test
    void aVanishedSerialLineTakesItsPortAwayAndOnlySerialInstrumentsHaveOne() throws Exception {
        BenchFile demo = BenchFile.demo();
        Map<String, InstrumentSpec> instruments = new LinkedHashMap<>();
        instruments.put("pulse", demo.instruments().get("pulse"));
        instruments.put("smu", new InstrumentSpec("keithley-2450", "serial", Map.of(1, 0)));
        BenchFile serial = new BenchFile("test", "serial-smu", 3L, demo.junctions(), instruments, demo.models(),
                demo.timing(), List.of());
        try (SimulatedBench bench = SimulatedBench.start(serial)) {
            String address = bench.address("smu");
            Path port = Path.of(address.substring("ASRL".length(), address.length() - "::INSTR".length()));
            assertTrue(Files.exists(port));
            bench.faults().vanishSerialLine("smu");
            assertFalse(Files.exists(port), "the client's end of the line is gone");
            assertThrows(IllegalArgumentException.class, () -> bench.faults().vanishSerialLine("pulse"));
        }
    }

    @Test
    void aDamagedByteIsInvertedInPlace() throws Exception {
        Path segments = Files.createDirectories(dir.resolve("pool").resolve("segments"));
        Path segment = segments.resolve("00000001.seg");
        Files.write(segment, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        HostFaults.Damage d = HostFaults.damagePoolSegment(dir.resolve("pool"), 1, 0.5);
        assertEquals(segment, d.file());
        assertEquals(5, d.position());
        byte[] after = Files.readAllBytes(segment);
        assertEquals((byte) ~6, after[5]);
        assertEquals(9, after[8]);
        assertEquals(List.of(segment), HostFaults.poolSegments(dir.resolve("pool")));
    }

    @Test
    void aSmallDiskFillsWithTheKernelsOwnErrorAndIsCopiedOut() throws Exception {
        SmallDisk.unavailableReason().ifPresent(reason -> Assumptions.abort(reason));
        Path mount = Files.createDirectories(dir.resolve("disk"));
        Path seed = Files.createDirectories(dir.resolve("seed"));
        Files.writeString(seed.resolve("kept"), "seeded");
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(SmallDisk.wrap(mount, 256 << 10, seed, 8192, out, List.of("sh", "-c",
                "cat " + mount + "/kept; head -c 65536 /dev/zero > " + mount + "/big")))
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), said);
        assertTrue(said.contains("seeded") && said.contains("No space left on device"), said);
        assertEquals("seeded", Files.readString(out.resolve("kept")));
        assertTrue(Files.size(out.resolve("big")) <= 8192, "no more than the free space was written");
        assertFalse(Files.exists(out.resolve(".disk-filler")));
        assertFalse(Files.exists(mount.resolve("kept")), "the tmpfs was the command's alone");
    }
}
