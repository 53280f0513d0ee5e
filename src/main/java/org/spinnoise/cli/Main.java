package org.spinnoise.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code spinnoise} command. Every failure a user can cause ends as one line on standard error and a non-zero
 * exit code; {@code --debug} adds the stack trace.
 */
@Command(name = "spinnoise", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "True random noise from voltage-controlled magnetic tunnel junctions.",
        subcommands = {
                DemoCommand.class,
                AcquireCommand.class,
                CalibrateCommand.class,
                BoardCommand.class,
                MockCommand.class,
                IdentifyCommand.class,
                PoolCommand.class,
                RunsCommand.class,
                ExportRawCommand.class,
                PlotCommand.class,
                ReportCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                DashboardCommand.class,
                ClassifierCommand.class,
                TrainCommand.class,
                SampleCommand.class,
                EvaluateCommand.class,
                ExportWeightsCommand.class,
                SoakCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise demo                   # the whole chain on the simulated bench",
                "  spinnoise acquire --bench mock-instruments/benches/demo.json --bits 20000",
                "  spinnoise pool status",
                "  spinnoise sample --mode drbg --out grid.png",
                "  spinnoise demo --help            # every command answers --help"})
public final class Main {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean debug;

    @Option(names = "--progress", scope = ScopeType.INHERIT, defaultValue = "auto", paramLabel = "MODE",
            description = "How long work shows its progress, on standard error: auto (a bar on a terminal, a line "
                    + "every 10 s or 10 %% otherwise), bar, lines or none (default: ${DEFAULT-VALUE}).")
    ProgressMode progress;

    /** The one progress display of this invocation, made by the first command that asks ({@link ProgressMode#of}). */
    org.spinnoise.progress.Progress progressDisplay;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on the console and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given console streams and returns the exit code (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        addHelpOption(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionStrategy(parsed -> {
            UsageErrors.checkRanges(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line that runs spinnoise with {@code args} in a fresh JVM like this one (same java, class path and
     * Vector API module), with {@code jvmOptions} before the main class: for benchmarks and tests that need a user's
     * process of their own (timed from outside, signalled, killed).
     */
    public static List<String> freshJvmCommand(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        command.add("-cp");
        command.add(ManagementFactory.getRuntimeMXBean().getClassPath());
        command.add(Main.class.getName());
        command.addAll(args);
        return command;
    }

    /** Every command answers {@code -h}/{@code --help}, whether or not it declares the option itself. */
    private static void addHelpOption(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        command.getSubcommands().values().forEach(Main::addHelpOption);
    }
}
