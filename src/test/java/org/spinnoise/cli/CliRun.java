package org.spinnoise.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a command line in this JVM with its console captured, as the tests of single commands need it. */
final class CliRun {
    /** The exit code and what the command printed on standard output and standard error. */
    record Outcome(int code, String out, String err) {
    }

    private CliRun() {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
