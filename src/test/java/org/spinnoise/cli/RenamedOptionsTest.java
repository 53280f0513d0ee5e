package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * A retired option name stops its command with one line naming the new one (exit code 2) before anything runs, the
 * retired names are really gone and their replacements really there, and {@code --no-pool} is offered only by the
 * commands that would ingest.
 */
class RenamedOptionsTest {
    @TempDir
    Path dir;

    private static CommandSpec spec(String path) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : path.split(" ")) {
            cli = cli.getSubcommands().get(name);
            assertNotNull(cli, "no command " + path);
        }
        return cli.getCommandSpec();
    }

    @Test
    void everyRetiredNameIsGoneAndItsReplacementIsThere() {
        for (RenamedOptions.Retired retired : RenamedOptions.ALL) {
            CommandSpec spec = spec(retired.command());
            assertNull(spec.findOption(retired.oldName()), retired.command() + " still has " + retired.oldName());
            String prefix = "option " + retired.oldName() + " was renamed ";
            if (retired.message().startsWith(prefix)) {
                String newName = retired.message().substring(prefix.length());
                assertNotNull(spec.findOption(newName), retired.command() + " has no " + newName);
            }
        }
    }

    @Test
    void aRetiredNameAnswersWithOneLineAndExitCodeTwo() throws Exception {
        Path runs = dir.resolve("runs");
        for (RenamedOptions.Retired retired : RenamedOptions.ALL) {
            List<String> args = new ArrayList<>(Arrays.asList(retired.command().split(" ")));
            args.add(retired.oldName());
            boolean takesNoValue = retired.oldName().equals("--no-pool");
            if (!takesNoValue) {
                args.add("2");
            }
            args.addAll(List.of("--runs", runs.toString()));
            Outcome o = run(args.toArray(String[]::new));
            assertEquals(2, o.code(), args + ": " + o.out() + o.err());
            assertEquals(List.of("spinnoise " + retired.command() + ": " + retired.message()), o.err().lines().toList(),
                    args.toString());
            assertEquals("", o.out());
        }
        assertTrue(Files.notExists(runs), "no command ran");
        Outcome equalsForm = run("demo", "--grid-images=0", "--no-pool");
        assertEquals(List.of("spinnoise demo: option --grid-images was renamed --images"), equalsForm.err().lines().toList());
        Outcome before = run("sample", "--count", "2", "--mode", "prng");
        assertEquals(List.of("spinnoise sample: option --count was renamed --images"), before.err().lines().toList(),
                "named even though --out is missing too");
    }

    @Test
    void noPoolOnlyWhereACommandWouldIngest() {
        for (String command : List.of("demo", "acquire", "board")) {
            assertNotNull(spec(command).findOption("--no-pool"), command);
        }
        for (String command : List.of("pool status", "pool take", "pool ingest", "calibrate", "sample", "evaluate",
                "serve")) {
            assertNull(spec(command).findOption("--no-pool"), command);
        }
    }
}
