package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * {@code spinnoise board --emulate}: the run folder's energy ledger against a hand computation from bits.bin and the
 * manifest (calibrated R_P and R_AP, the applied pulses), and the report showing it; without the calibration's ohms
 * the pulses' energy is "not known", never a guess.
 */
class EnergyLedgerBoardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCalibratedBoardRunsLedgerMatchesAHandComputationFromItsBits(@TempDir Path dir) throws Exception {
        Outcome o = run("board", "--emulate", "--calibrate", "--write-volts", "0.5", "--bits", "20000", "--runs",
                dir.resolve("runs").toString(), "--no-pool");
        assertEquals(0, o.code(), o.out() + o.err());
        Path folder = folder(o);
        JsonNode m = JSON.readTree(folder.resolve("manifest.json").toFile());
        double rp = m.at("/board/calibration/parallel_ohms").asDouble();
        double rap = m.at("/board/calibration/antiparallel_ohms").asDouble();
        JsonNode applied = m.at("/board/configuration/applied"); // the firmware's record: camelCase keys
        double write = applied.get("writeVolts").asDouble();
        double writeSeconds = applied.get("writeWidthSeconds").asDouble();
        double reset = applied.get("resetVolts").asDouble();
        double resetSeconds = applied.get("resetWidthSeconds").asDouble();
        long bits = m.at("/acquisition/bits").asLong();
        assertTrue(rp > 0 && rap > rp, m.at("/board/calibration").toString());

        byte[] packed = Files.readAllBytes(folder.resolve("bits.bin"));
        double resetJ = 0;
        double writeJ = 0;
        int previous = 0; // the first reset meets an unknown state: R_P, the ledger's stated stand-in
        for (long i = 0; i < bits; i++) {
            int bit = (packed[(int) (i / 8)] >>> (7 - i % 8)) & 1;
            resetJ += reset * reset * resetSeconds / (previous == 1 ? rap : rp);
            writeJ += write * write * writeSeconds / rp;
            previous = bit;
        }
        long lost = Math.max(0, m.at("/stream/pulsesFired").asLong() - m.at("/stream/bitsReceived").asLong())
                + m.at("/stream/missingBits").asLong();
        resetJ += lost * reset * reset * resetSeconds / rp;
        writeJ += lost * write * write * writeSeconds / rp;

        JsonNode ledger = JSON.readTree(folder.resolve("energy.json").toFile());
        Map<String, Double> joules = new HashMap<>();
        ledger.get("operations").forEach(op -> {
            String kind = op.get("kind").asText();
            if (kind.contains("pulse")) {
                joules.merge(kind.startsWith("reset") ? "reset" : "write", op.get("joules").asDouble(), Double::sum);
            } else {
                assertTrue(op.get("joules").isNull(), "a board read's energy is not known: " + op);
            }
        });
        assertEquals(resetJ, joules.get("reset"), 1e-9 * resetJ);
        assertEquals(writeJ, joules.get("write"), 1e-9 * writeJ);
        assertEquals(resetJ + writeJ, ledger.get("device_joules").asDouble(), 1e-9 * (resetJ + writeJ));
        assertEquals((resetJ + writeJ) / bits, ledger.get("pulse_joules_per_raw_bit").asDouble(),
                1e-9 * (resetJ + writeJ) / bits);
        assertTrue(ledger.get("covers").asText().contains("pulses only"), ledger.get("covers").asText());

        String html = Files.readString(folder.resolve("report.html"));
        assertTrue(html.contains("Energy ledger") && html.contains("read (comparator)")
                && html.contains("PROTOCOL.md gives no read bias"), "the report shows the board's ledger");
    }

    @Test
    void withoutTheCalibrationsOhmsThePulsesEnergyIsNotKnown(@TempDir Path dir) throws Exception {
        Outcome o = run("board", "--emulate", "--bits", "20000", "--runs", dir.resolve("runs").toString(),
                "--no-pool");
        assertEquals(0, o.code(), o.out() + o.err());
        JsonNode ledger = JSON.readTree(folder(o).resolve("energy.json").toFile());
        ledger.get("operations").forEach(op -> assertTrue(op.get("joules").isNull(), op.toString()));
        assertTrue(ledger.get("device_joules") == null, ledger.toString());
        assertTrue(ledger.at("/overhead/seconds_per_raw_bit").asDouble() > 0, "time per bit is still reported");
        String html = Files.readString(folder(o).resolve("report.html"));
        assertTrue(html.contains("not known: the board reports bits, not ohms"), "the report says why");
    }

    private static Path folder(Outcome o) {
        Matcher m = Pattern.compile("run folder:? +(\\S+)").matcher(o.out());
        assertTrue(m.find(), o.out());
        return Path.of(m.group(1));
    }
}
