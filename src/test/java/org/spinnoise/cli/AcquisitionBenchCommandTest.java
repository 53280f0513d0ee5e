package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code spinnoise bench acquisition}, run small: the modelled time per bit is what the 2450's manual gives for a
 * read (integration plus two autozero conversions plus the source readback, at 0.05 PLC of 60 Hz mains) and the
 * Trueform's two 1 µs bursts; the measured time can only be longer, because the bench really waits.
 */
class AcquisitionBenchCommandTest {
    @Test
    void measuredTimeIsTheModelledTimePlusTheControllersOwn() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", "acquisition", "--bits", "300",
                "--nplc", "0.05", "--batched-bits", "2000", "--dashboard-bits", "2000", "--dashboard-repetitions", "1");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("acquisition", json.get("bench").asText());
        assertEquals(300, json.get("bits").asLong());
        double readMillis = 4 * 0.05 / 60 * 1e3;
        double burstsMillis = 2 * 1e-6 * 1e3;
        assertEquals(readMillis + burstsMillis, json.get("modelled_ms_per_bit").asDouble(), 1e-3);
        assertTrue(json.get("measured_ms_per_bit").asDouble() >= json.get("modelled_ms_per_bit").asDouble(),
                out.toString());
        assertTrue(json.get("controller_overhead_percent").asDouble() >= 0, out.toString());
        // The baseline over bare links waits the same modelled times, so it too can only take longer.
        assertTrue(json.get("bare_link_overhead_ms_per_bit").asDouble() > 0, out.toString());
        assertTrue(out.toString().contains("baseline"), out.toString());
        assertTrue(out.toString().contains("modelled") && out.toString().contains("measured"), out.toString());
        // Every SMU model ran both schemes through the run engine; the batched scheme's round trips are counted, not
        // timed, so their budget holds on any machine; its rate can only approach the modelled limit from below.
        for (String model : new String[] {"keithley_2450", "keithley_2400", "keithley_2602b", "keysight_b2901a"}) {
            assertTrue(json.get(model + "_batched_round_trips_per_bit").asDouble() <= 0.01, model + ": " + out);
            assertTrue(json.get(model + "_batched_percent_of_limit").asDouble() <= 100.5, model + ": " + out);
            assertTrue(json.get(model + "_per_bit_bits_per_s").asDouble() > 0, model + ": " + out);
            assertTrue(json.has(model + "_batched_factor"), model + ": " + out);
        }
        // The dashboard arms: both acquired, and the "on" arm's dashboard answered the client reading it.
        assertTrue(json.get("dashboard_off_bits_per_s").asDouble() > 0, out.toString());
        assertTrue(json.get("dashboard_on_bits_per_s").asDouble() > 0, out.toString());
        assertTrue(json.get("dashboard_state_requests").asLong() > 0, out.toString());
        assertEquals(100 * (1 - json.get("dashboard_on_bits_per_s").asDouble()
                / json.get("dashboard_off_bits_per_s").asDouble()),
                json.get("dashboard_overhead_percent").asDouble(), 0.05);
        assertTrue(out.toString().contains("off (baseline)"), out.toString());
    }
}
