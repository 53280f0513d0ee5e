package org.spinnoise.cli;

import java.io.PrintWriter;
import org.spinnoise.progress.Progress;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How a command shows the progress of long work (the global {@code --progress} option): a bar redrawn in place on a
 * terminal, a line now and then in a log, nothing, or auto (a bar when the console is a terminal, lines otherwise).
 * Progress goes to standard error, so standard output keeps only results (and {@code pool take --out -} its bytes).
 */
enum ProgressMode {
    auto, bar, lines, none;

    /** Overrides the 10 s between lines, in milliseconds (tests, or a log wanted denser). */
    static final String LINES_INTERVAL_PROPERTY = "spinnoise.progress.lines-interval-ms";

    /**
     * The display the command {@code spec} should report to, per the {@code --progress} given to {@link Main}: one
     * per invocation, so that everything a command does shares one line.
     */
    static Progress of(CommandSpec spec) {
        boolean terminal = System.console() != null;
        if (spec.root().userObject() instanceof Main main) {
            if (main.progressDisplay == null) {
                ProgressMode mode = main.progress != null ? main.progress : auto;
                main.progressDisplay = mode.open(spec.commandLine().getErr(), terminal);
            }
            return main.progressDisplay;
        }
        return auto.open(spec.commandLine().getErr(), terminal);
    }

    /** The display for this mode writing to {@code err}; {@code terminal} says whether a person watches it live. */
    Progress open(PrintWriter err, boolean terminal) {
        return switch (this) {
            case bar -> new ConsoleProgressBar(err);
            case lines -> lines(err);
            case none -> Progress.NONE;
            case auto -> terminal ? new ConsoleProgressBar(err) : lines(err);
        };
    }

    private static Progress lines(PrintWriter err) {
        long intervalMillis = Long.getLong(LINES_INTERVAL_PROPERTY,
                PeriodicProgressLines.DEFAULT_INTERVAL_NANOS / 1_000_000);
        return new PeriodicProgressLines(err, System::nanoTime, Math.max(1, intervalMillis) * 1_000_000);
    }
}
