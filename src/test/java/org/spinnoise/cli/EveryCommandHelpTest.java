package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command and sub-command answers {@code --help} with its usage, an "Examples:" section of its own command
 * lines and exit code 0; every option's value is labelled by what it is (FILE, N, VOLTS), never by a field name, and
 * an option with a default says which.
 */
class EveryCommandHelpTest {
    @Test
    void everyCommandAnswersHelpWithExamples() {
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.of());
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "found only " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
            String command = String.join(" ", path);
            String help = out.toString().replace("\r\n", "\n");
            assertEquals(0, code, path + ": " + err);
            assertTrue(help.startsWith(("Usage: spinnoise " + command).strip()), path + ": " + help);
            int examples = help.indexOf("\nExamples:\n");
            assertTrue(examples > 0, path + " has no Examples: section:\n" + help);
            String firstExample = help.substring(examples + "\nExamples:\n".length()).lines().findFirst().orElse("");
            String ownPrefix = path.isEmpty() ? "  spinnoise " : "  spinnoise " + path.get(0);
            assertTrue(firstExample.startsWith(ownPrefix), path + ": first example " + firstExample);
        }
    }

    @Test
    void everyOptionHasALabelThatSaysWhatItIsAndShowsItsDefault() {
        List<String> problems = new ArrayList<>();
        check(new CommandLine(new Main()), problems);
        assertEquals(List.of(), problems);
    }

    @Test
    void onlyTheTopLevelCommandPrintsAVersion() {
        List<String> withVersion = new ArrayList<>();
        CommandLine root = new CommandLine(new Main());
        collectVersionOptions(root, root, withVersion);
        assertEquals(List.of(), withVersion);
        assertTrue(root.getCommandSpec().findOption("--version") != null);
    }

    private static void check(CommandLine command, List<String> problems) {
        String name = command.getCommandSpec().qualifiedName(" ");
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp() || option.arity().max() == 0) {
                continue;
            }
            if (option.paramLabel().startsWith("<")) {
                problems.add(name + " " + option.longestName() + ": value labelled " + option.paramLabel());
            }
            String description = String.join(" ", option.description());
            if (option.defaultValue() != null && !description.contains("default")) {
                problems.add(name + " " + option.longestName() + ": default " + option.defaultValue() + " not shown");
            }
            assertFalse(description.isBlank(), name + " " + option.longestName() + " has no description");
        }
        command.getSubcommands().forEach((sub, cli) -> {
            if (!sub.equals("help")) {
                check(cli, problems);
            }
        });
    }

    private static void collectVersionOptions(CommandLine root, CommandLine command, List<String> found) {
        if (command != root && command.getCommandSpec().findOption("--version") != null) {
            found.add(command.getCommandSpec().qualifiedName(" "));
        }
        command.getSubcommands().forEach((sub, cli) -> {
            if (!sub.equals("help")) {
                collectVersionOptions(root, cli, found);
            }
        });
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            paths.add(subPath);
            collect(sub, subPath, paths);
        });
    }
}
