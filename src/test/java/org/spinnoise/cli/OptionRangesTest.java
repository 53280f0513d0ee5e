package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Numeric options are checked against their declared ranges as the command line is parsed, before any work (issue 18
 * defect 14: {@code evaluate --seeds 0} failed after minutes of sampling): a usage-style line and exit 2. Every
 * numeric option of every command declares its range, and every default lies within it.
 */
class OptionRangesTest {
    private static final Set<Class<?>> NUMERIC = Set.of(int.class, long.class, double.class, float.class, short.class,
            Integer.class, Long.class, Double.class, Float.class, Short.class);

    @TempDir
    Path dir;

    private static List<String> everyNumericOption(CommandLine cli, List<OptionSpec> out) {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (NUMERIC.contains(option.type())) {
                out.add(option);
                names.add(cli.getCommandSpec().qualifiedName(" ") + " " + option.longestName());
            }
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            names.addAll(everyNumericOption(sub, out));
        }
        return names;
    }

    @Test
    void everyNumericOptionDeclaresARangeThatHoldsItsDefault() {
        List<OptionSpec> options = new ArrayList<>();
        List<String> names = everyNumericOption(new CommandLine(new Main()), options);
        List<String> missing = new ArrayList<>();
        List<String> defaultsOutside = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            OptionSpec option = options.get(i);
            // Any 64-bit seed is valid: a seed has no range to declare.
            if (UsageErrors.rangeOf(option) == null && !option.longestName().equals("--seed")) {
                missing.add(names.get(i));
            }
            String text = option.defaultValue();
            OptionRange range = UsageErrors.rangeOf(option);
            if (range != null && text != null && !text.isBlank()) {
                String problem = UsageErrors.rangeProblem(range, option.longestName(), Double.parseDouble(text));
                if (problem != null) {
                    defaultsOutside.add(names.get(i) + ": " + problem);
                }
            }
        }
        assertTrue(names.size() > 80, "the walk found only " + names.size() + " numeric options");
        assertEquals(List.of(), missing, "numeric options without @OptionRange");
        assertEquals(List.of(), defaultsOutside, "defaults outside their own range");
    }

    /** Out-of-range values over many commands: refused at parse time with the valid range, exit 2, nothing done. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "evaluate --seeds 0                 | evaluate   | --seeds must be at least 1, not 0",
        "evaluate --bootstrap 5             | evaluate   | --bootstrap must be at least 10, not 5",
        "evaluate --images 1                | evaluate   | --images must be from 2 to 20000, not 1",
        "evaluate --steps 0                 | evaluate   | --steps must be at least 1, not 0",
        "evaluate --eta -0.5                | evaluate   | --eta must be from 0 to 1, not -0.5",
        "sample --images 0                  | sample     | --images must be at least 1, not 0",
        "sample --steps -3                  | sample     | --steps must be at least 1, not -3",
        "pool take --bytes -5               | pool take  | --bytes must be at least 1, not -5",
        "pool ingest --alpha-log2 4         | pool ingest| --alpha-log2 must be from -64 to -8, not 4",
        "board --payload-bytes 5000         | board      | --payload-bytes must be from 19 to 4096, not 5000",
        "board --max-volts 1000             | board      | --max-volts must be above 0 and at most 5, not 1000.0",
        "board --bits 0                     | board      | --bits must be at least 8, not 0",
        "acquire --max-volts 0              | acquire    | --max-volts must be above 0 and at most 5, not 0.0",
        "acquire --bits -1                  | acquire    | --bits must be from 1 to 10000000000000, not -1",
        "serve --max-clients 0              | serve      | --max-clients must be at least 1, not 0",
        "serve --idle-timeout-ms 0          | serve      | --idle-timeout-ms must be at least 1, not 0",
        "dashboard --port 70000             | dashboard  | --port must be from 0 to 65535, not 70000",
        "train --lr 0                       | train      | --lr must be above 0 and at most 1, not 0.0",
        "train --ema 1.5                    | train      | --ema must be from 0 to 1, not 1.5",
        "bench wire --megabytes 0           | bench wire | --megabytes must be at least 1, not 0",
        "runs list --newest -1              | runs list  | --newest must be at least 0, not -1"})
    void anOutOfRangeValueIsAUsageErrorBeforeAnyWork(String line, String command, String expected) {
        List<String> args = new ArrayList<>(List.of(line.split(" ")));
        // Whatever else the command requires, so that only the range can be at fault.
        switch (command.strip()) {
            case "evaluate" -> args.addAll(List.of("--out", dir.resolve("eval").toString()));
            case "sample" -> args.addAll(List.of("--mode", "prng", "--out", dir.resolve("g.png").toString()));
            case "pool take" -> args.addAll(List.of("--out", dir.resolve("b.bin").toString(), "--pool",
                    dir.resolve("pool").toString()));
            case "pool ingest" -> args.addAll(List.of("--run", dir.toString(), "--pool", dir.resolve("pool").toString()));
            case "board" -> args.addAll(List.of("--emulate", "--no-pool", "--runs", dir.resolve("runs").toString()));
            case "acquire" -> args.addAll(List.of("--bench", "x.json", "--no-pool", "--runs",
                    dir.resolve("runs").toString()));
            case "train" -> args.addAll(List.of("--out", dir.resolve("train").toString()));
            case "runs list" -> args.addAll(List.of("--runs", dir.resolve("runs").toString()));
            default -> {
            }
        }
        CliRun.Outcome o = CliRun.run(args.toArray(String[]::new));
        assertEquals(2, o.code(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(List.of("spinnoise " + command.strip() + ": " + expected,
                "Try 'spinnoise " + command.strip() + " --help'."), lines);
        assertEquals("", o.out());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("runs")) && !java.nio.file.Files.exists(dir.resolve("eval"))
                && !java.nio.file.Files.exists(dir.resolve("pool")), "work began");
    }

    @Test
    void helpIsNotRefusedForAValueOutOfRange() {
        CliRun.Outcome o = CliRun.run("evaluate", "--seeds", "0", "--help");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("--seeds"), o.out());
    }
}
