package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The simulated instruments answer a stock PyVISA-py client, the reference for what "a real SCPI socket" means to
 * lab software. Uses Debian's /usr/bin/python3 with python3-pyvisa-py; if that is missing the test fails, because a
 * skipped interop test would hide a broken environment.
 */
class SimPyVisaInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Process run(String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String output(Process process, int timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python did not finish in " + timeoutSeconds + " s");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void pyvisaPyTalksToBothInstruments() throws Exception {
        Process check = run(PYTHON, "-c", "import pyvisa, pyvisa_py");
        String checkOutput = output(check, 30);
        assertEquals(0, check.exitValue(), "PyVISA-py is missing for " + PYTHON
                + ": install it with 'apt-get install python3-pyvisa-py' (.ci/run installs it)\n" + checkOutput);

        Path script = Path.of(SimPyVisaInteropTest.class.getResource("/pyvisa/bench_interop.py").toURI());
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), 4L)) {
            Process python = run(PYTHON, script.toString(), bench.address("pulse"), bench.address("smu"));
            String out = output(python, 60);
            assertEquals(0, python.exitValue(), out);
            Map<String, String> results = new HashMap<>();
            for (String line : out.split("\\R")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    results.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            assertEquals("Keysight Technologies,33622A,MY00000002,A.02.03-3.15-2.00", results.get("PULSE_IDN"), out);
            assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i", results.get("SMU_IDN"), out);
            assertEquals("+2.000000000000000E-08", results.get("PULSE_WIDTH"), out);
            double ohms = Double.parseDouble(results.get("RESISTANCE_OHMS"));
            assertTrue(Math.abs(ohms - bench.junction(0).resistanceParallelOhms()) < 100, out);
            assertEquals("0,\"No error\"", results.get("SMU_ERROR"), out);
        }
    }
}
