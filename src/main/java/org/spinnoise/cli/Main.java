package org.spinnoise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spinnoise} command. Every failure a user can cause ends as one line on standard error and a non-zero
 * exit code; {@code --debug} adds the stack trace.
 */
@Command(name = "spinnoise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "True random noise from voltage-controlled magnetic tunnel junctions.",
        subcommands = {DemoCommand.class, AcquireCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli.execute(args);
    }
}
