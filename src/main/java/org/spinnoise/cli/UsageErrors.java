package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a usage error (unknown or retired option, missing required option, a value that does not parse, a
 * contradiction a command finds in its options) into one line naming the command and the problem, then where to
 * look: "Try 'spinnoise sample --help'." Exit code 2. picocli's default handler would print the whole usage text,
 * which buries the one line that matters.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        String command = cli.getCommandSpec().qualifiedName(" ");
        String path = command.contains(" ") ? command.substring(command.indexOf(' ') + 1) : "";
        String retired = RenamedOptions.messageFor(path, args).orElse(null);
        if (retired != null) {
            err.println(command + ": " + retired);
        } else {
            err.println(command + ": " + oneLine(unknownFirst(e, cli)));
            err.println("Try '" + command + " --help'.");
        }
        err.flush();
        return cli.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * picocli reports missing required options before unknown ones; a misspelt required option would then be
     * reported as missing, so the unknown one is named instead.
     */
    private static ParameterException unknownFirst(ParameterException e, CommandLine cli) {
        if (e instanceof MissingParameterException && cli.getParseResult() != null
                && !cli.getParseResult().unmatched().isEmpty()) {
            return new UnmatchedArgumentException(cli, cli.getParseResult().unmatched());
        }
        return e;
    }

    private static String oneLine(ParameterException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        message = message.replaceAll("\\s*\\R\\s*", " ");
        CommandLine cli = e.getCommandLine();
        if (message.startsWith("Missing required subcommand") && !cli.getSubcommands().isEmpty()) {
            message += ": one of " + String.join(", ", cli.getSubcommands().keySet().stream()
                    .filter(name -> !name.equals("help")).toList());
        }
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size())))
                        + "?)";
            }
        }
        return message;
    }
}
