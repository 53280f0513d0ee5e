package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise mock}: starts the simulated bench (loopback TCP servers or pseudo-terminals, one per instrument)
 * and keeps it running until interrupted, so drivers, scripts or PyVISA can be pointed at the printed addresses.
 * Prints one line per instrument ({@code role  model  address}) and one per junction with its switching physics;
 * on exit, what each junction went through (largest voltage, each output's level between pulses, breakdown).
 * With {@code --board} (or a board bench file) it starts the emulated pulser board on a pseudo-terminal instead and
 * prints the address to give {@code spinnoise board --address}.
 */
@Command(name = "mock",
        description = "Start the simulated bench (pulse generator, SMU, MTJ junctions) on loopback and wait until Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise mock",
                "  spinnoise mock --bench mock-instruments/benches/trueform-2400.json --seed 7",
                "  spinnoise mock --board"})
public final class MockCommand implements Callable<Integer> {
    @Option(names = "--bench", paramLabel = "FILE",
            description = "Bench file (default: the built-in demo bench, a copy of mock-instruments/benches/demo.json).")
    Path benchFile;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of all simulated randomness (default: the bench file's seed).")
    Long seed;

    @Option(names = "--board",
            description = "Start the built-in emulated pulser board (mock-instruments/benches/demo-board.json) "
            + "instead of the SCPI bench; a --bench file with a \"board\" object does the same.")
    boolean board;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (board || benchFile != null && BoardBenchFile.describesABoard(benchFile)) {
            return serveBoard(board && benchFile == null ? BoardBenchFile.demo() : BoardBenchFile.read(benchFile));
        }
        BenchFile bench = benchFile == null ? BenchFile.demo() : BenchFile.read(benchFile);
        long usedSeed = seed == null ? bench.seed() : seed;
        PrintWriter out = spec.commandLine().getOut();
        try (SimulatedBench simulated = SimulatedBench.start(bench, usedSeed)) {
            // Ctrl-C ends the JVM through the shutdown hook; an interrupt (as in tests) ends the wait below. Either
            // way the junctions' records are printed: what they went through is the point of a simulated bench.
            Thread shutdownHook = new Thread(() -> {
                SimulatedBenchSummary.printJunctions(out, simulated.record());
                simulated.close();
            }, "spinnoise-mock-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            printBench(out, bench, simulated, usedSeed);
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (removeHook(shutdownHook)) {
                    SimulatedBenchSummary.printJunctions(out, simulated.record());
                }
            }
        }
        return 0;
    }

    private Integer serveBoard(BoardBenchFile bench) {
        long usedSeed = seed == null ? bench.seed() : seed;
        PrintWriter out = spec.commandLine().getOut();
        try (BoardEmulator emulator = BoardEmulator.start(bench, usedSeed)) {
            Thread shutdownHook = new Thread(emulator::close, "spinnoise-mock-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            out.printf(Locale.ROOT, "board bench %s (%s), seed %d%n", bench.name(), bench.source(), usedSeed);
            out.printf(Locale.ROOT, "board     %-18s  %s%n", bench.board().serialNumber(), emulator.address());
            out.printf(Locale.ROOT, "line      %s%n", bench.board().lineBytesPerSecond() == 0 ? "unpaced"
                    : bench.board().lineBytesPerSecond() + " bytes/s");
            for (int i = 0; i < bench.junctions().size(); i++) {
                MtjJunction junction = emulator.junction(i);
                out.printf(Locale.ROOT, "junction %d  V50 %.4f V at %.3g s  dV %.4f V  reset V50 %.4f V  R_P %.0f ohm  "
                                + "R_AP %.0f ohm%n", i, junction.v50Volts(), junction.referenceWidthSeconds(),
                        junction.deltaVolts(), junction.resetV50Volts(), junction.resistanceParallelOhms(),
                        junction.resistanceAntiparallelOhms());
            }
            out.printf("try: bin/spinnoise board --address '%s' --bits 1000000%n", emulator.address());
            out.println("running; press Ctrl-C to stop");
            out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(shutdownHook);
            }
        }
        return 0;
    }

    private static void printBench(PrintWriter out, BenchFile bench, SimulatedBench simulated, long usedSeed) {
        out.printf(Locale.ROOT, "bench %s (%s), seed %d%n", bench.name(), bench.source(), usedSeed);
        bench.instruments().forEach((role, instrument) -> out.printf(Locale.ROOT, "%-8s  %-18s  %s%n",
                role, instrument.model(), simulated.address(role)));
        for (int i = 0; i < bench.junctions().size(); i++) {
            MtjJunction junction = simulated.junction(i);
            out.printf(Locale.ROOT, "junction %d  V50 %.4f V at %.3g s  dV %.4f V  reset V50 %.4f V  R_P %.0f ohm  R_AP %.0f ohm%n",
                    i, junction.v50Volts(), junction.referenceWidthSeconds(), junction.deltaVolts(),
                    junction.resetV50Volts(), junction.resistanceParallelOhms(), junction.resistanceAntiparallelOhms());
        }
        out.println("running; press Ctrl-C to stop");
        out.flush();
    }

    /** Removes the hook; false when it is already running (it then does the closing itself). */
    private static boolean removeHook(Thread shutdownHook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            return false;
        }
    }
}
