package org.spinnoise.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code /usr/bin/python3} (with python3-zmq and python3-numpy; the first python3 on PATH may lack
 * them) on the project's Python client scripts, and reads their {@code KEY=VALUE} output lines.
 */
public final class Python {
    public static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    /** The project's directory (Maven passes it to the tests). */
    public static Path projectDir() {
        return Path.of(System.getProperty("spinnoise.projectDir", "."));
    }

    public static Path clientScript(String relative) {
        return projectDir().resolve("clients/python").resolve(relative);
    }

    /** Starts a script; its standard error is merged into its output. */
    public static Process start(Path script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Waits for a script started by {@link #start}, asserts it succeeded, and returns its output. */
    public static String finish(Process process, int timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python did not finish in " + timeoutSeconds + " s: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "python failed" + missingModule(out) + ":\n" + out);
        return out;
    }

    /** What to install when the script failed for want of a module (zmq, numpy, torch...), else nothing. */
    private static String missingModule(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("No module named '([A-Za-z0-9_]+)")
                .matcher(output);
        return m.find() ? " (" + PYTHON + " lacks the module " + m.group(1) + ": .ci/install-deps installs the Debian "
                + "package python3-" + m.group(1) + ")" : "";
    }

    public static Map<String, String> values(String output) {
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\\R")) {
            for (String pair : line.trim().split(" ")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return values;
    }
}
