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
     * Refuses, as a usage error, any option whose value lies outside the {@link OptionRange} declared on it, in the
     * command and its parents; nothing is checked when help or the version is asked for. Runs after parsing and
     * before the command's work: a value out of range never costs minutes first.
     */
    static void checkRanges(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return;
            }
        }
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (CommandLine.Model.OptionSpec option : p.commandSpec().options()) {
                String problem = rangeProblem(option);
                if (problem != null) {
                    throw new ParameterException(p.commandSpec().commandLine(), problem);
                }
            }
        }
    }

    /** Why the option's value is outside its declared range, or null (no range, no value, or within it). */
    static String rangeProblem(CommandLine.Model.OptionSpec option) {
        OptionRange range = rangeOf(option);
        if (range == null || !(option.getValue() instanceof Number number)) {
            return null;
        }
        return rangeProblem(range, option.longestName(), number);
    }

    /** Why {@code number}, given to the option {@code name}, is outside {@code range}, or null. */
    static String rangeProblem(OptionRange range, String name, Number number) {
        double v = number.doubleValue();
        boolean low = range.minExclusive() ? !(v > range.min()) : !(v >= range.min());
        boolean high = range.maxExclusive() ? !(v < range.max()) : !(v <= range.max());
        if (!low && !high) {
            return null;
        }
        String shown = number.toString();
        boolean bounded = range.min() != Double.NEGATIVE_INFINITY && range.max() != Double.POSITIVE_INFINITY;
        if (bounded) {
            String lower = range.minExclusive() ? "above " + plain(range.min()) : "at least " + plain(range.min());
            String upper = range.maxExclusive() ? "below " + plain(range.max()) : "at most " + plain(range.max());
            if (!range.minExclusive() && !range.maxExclusive()) {
                return name + " must be from " + plain(range.min()) + " to " + plain(range.max()) + ", not " + shown;
            }
            return name + " must be " + lower + " and " + upper + ", not " + shown;
        }
        if (low) {
            return name + " must be " + (range.minExclusive() ? "above " : "at least ") + plain(range.min())
                    + ", not " + shown;
        }
        return name + " must be " + (range.maxExclusive() ? "below " : "at most ") + plain(range.max()) + ", not "
                + shown;
    }

    /** The range declared on the option's field, or null. */
    static OptionRange rangeOf(CommandLine.Model.OptionSpec option) {
        return option.userObject() instanceof java.lang.reflect.Field field
                ? field.getAnnotation(OptionRange.class) : null;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
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
