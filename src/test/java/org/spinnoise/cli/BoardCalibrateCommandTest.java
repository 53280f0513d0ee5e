package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spinnoise board --emulate --calibrate}: calibrates from the bits, prints it, writes the files. */
class BoardCalibrateCommandTest {

    @Test
    void anEmulatedCalibratedRunPrintsTheCalibrationAndWritesItsFiles(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "board", "--emulate", "--calibrate",
                "--write-volts", "0.5", "--bits", "200000", "--runs", dir.resolve("runs").toString(), "--no-pool");
        String printed = out.toString();
        assertEquals(0, code, printed + err);
        assertTrue(printed.contains("R_P ") && printed.contains("threshold code") && printed.contains("health tests   "
                + "passed"), printed);
        Matcher v50 = Pattern.compile("V50 (\\d\\.\\d+) V ± (\\d\\.\\d+)").matcher(printed);
        assertTrue(v50.find(), printed);
        assertTrue(Math.abs(Double.parseDouble(v50.group(1)) - 0.62) < 3 * Double.parseDouble(v50.group(2)) + 1e-4,
                printed);
        Matcher folder = Pattern.compile("run folder     (\\S+)").matcher(printed);
        assertTrue(folder.find(), printed);
        for (String file : new String[] {"sweep.csv", "threshold.csv", "threshold-codes.csv", "threshold-scan.csv"}) {
            assertTrue(Files.size(Path.of(folder.group(1)).resolve(file)) > 0, file);
        }
    }
}
