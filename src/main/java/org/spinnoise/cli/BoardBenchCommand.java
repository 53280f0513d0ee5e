package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinnoise.progress.Progress;
import org.spinnoise.sim.board.BoardBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench board}: payload bits per second the host client sustains from the board emulator over a
 * pseudo-terminal, beside the raw byte rate of the same pty measured in the same run, and the framing overhead.
 */
@Command(name = "board", description = "Host payload rate from the board emulator over a pty, beside the pty's raw rate.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench board",
                "  spinnoise bench board --bits 40000000 --raw-megabytes 8 --payload-bytes 2048"})
final class BoardBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 8)
    @Option(names = "--bits", paramLabel = "N", defaultValue = "400000000",
            description = "Payload bits of the timed stream (default: ${DEFAULT-VALUE}).")
    long bits;

    @OptionRange(min = 1)
    @Option(names = "--raw-megabytes", paramLabel = "MIB", defaultValue = "64",
            description = "MiB for the raw line measurement (default: ${DEFAULT-VALUE}).")
    int rawMegabytes;

    @OptionRange(min = 19, max = 4096)
    @Option(names = "--payload-bytes", paramLabel = "BYTES", defaultValue = "4096",
            description = "STREAM payload bytes (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = ProgressMode.of(spec);
        BoardBenchmark.Result result = BoardBenchmark.run(bits, (long) rawMegabytes << 20, payloadBytes, line -> {
            ConsoleProgressBar.clearLine(progress);
            out.println(line);
            out.flush();
        }, progress);
        out.println(result.json());
        out.flush();
        return 0;
    }
}
