package org.spinnoise.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.PerBitBenchSource;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.Threshold;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.scpi.ScpiException;
import org.spinnoise.scpi.RawScpi;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.testing.DemoBench;

/** The SMU on a serial line (a socat pseudo-terminal pair), driven through jSerialComm exactly like hardware. */
class SerialBenchTest {
    private static final Path SERIAL_BENCH = Path.of(System.getProperty("spinnoise.projectDir", "."))
            .resolve("mock-instruments/benches/demo-serial.json");

    @Test
    void theSmuAnswersOverASerialLine() throws Exception {
        try (SimulatedBench sim = SimulatedBench.start(BenchFile.read(SERIAL_BENCH), 41);
             Bench bench = Bench.connect(sim.address("pulse"), sim.address("smu"), 1, 2, DemoBench.LIMITS,
                     new WireLog())) {
            assertTrue(sim.address("smu").startsWith("ASRL/"), sim.address("smu"));
            bench.smu().configureRead(new ReadBias(0.1, 2e-4, 0.1));
            Threshold threshold = Threshold.between(2000, 60, 4200, 130);
            PerBitBenchSource source = PerBitBenchSource.start(bench, new OperatingPoint(new PulseShape(0.9, 2e-8),
                    new PulseShape(-1.0, 2e-8)), threshold, 0, 300, () -> false);
            long ones = 0;
            long bits = 0;
            for (org.spinnoise.bits.BitBatch batch; (batch = source.nextBatch(256)).bitCount() > 0; ) {
                ones += batch.ones();
                bits += batch.bitCount();
            }
            assertEquals(300, bits);
            // far above V50 every write switches the junction
            assertEquals(300, ones);
        }
    }

    @Test
    void aLateReplyOnASerialLineIsDroppedBeforeTheNextQuery() throws Exception {
        try (SimulatedBench sim = SimulatedBench.start(BenchFile.read(SERIAL_BENCH), 42);
             ScpiSession smu = new ScpiSession(Links.open(sim.address("smu") + "?timeout_ms=200"), "smu",
                     new WireLog())) {
            RawScpi.checkedWrite(smu, ":SOUR:VOLT 0.25");
            sim.faults().delayReplies("smu", Duration.ofMillis(500));
            ScpiException e = assertThrows(ScpiException.class, () -> RawScpi.query(smu, ":SOUR:VOLT?"));
            assertEquals(ScpiException.Kind.TIMEOUT, e.kind());
            sim.faults().clear("smu");
            assertEquals("MODEL 2450", smu.identify().model());
            assertEquals(0.25, RawScpi.queryNumber(smu, ":SOUR:VOLT?"), 1e-12);
        }
    }
}
