package org.spinnoise.cli;

import org.spinnoise.run.OutputsLeftOnException;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one line on standard error and exit code 1 (usage errors, exit code 2,
 * go to {@link UsageErrors}). The full stack trace is printed only with {@code --debug}.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (cli.getCommandSpec().root().userObject() instanceof Main main) {
            // A bar still on screen keeps its last state on its own line, above the error.
            ConsoleProgressBar.endLine(main.progressDisplay);
        }
        boolean debug = false;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            debug |= p.hasMatchedOption("--debug");
        }
        if (debug) {
            e.printStackTrace(cli.getErr());
        }
        String message = OutputsLeftOnException.userLine(e);
        cli.getErr().println("spinnoise: " + message);
        return FAILURE;
    }
}
