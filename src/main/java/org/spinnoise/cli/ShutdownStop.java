package org.spinnoise.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.spinnoise.link.Links;
import org.spinnoise.run.RunStopper;

/**
 * Ctrl-C (SIGINT) and SIGTERM for the acquiring commands. One shutdown hook, installed the first time a command asks
 * for the stopper, asks every run of the process to stop and then holds the JVM until each has put its outputs in the
 * safe state, closed its files and written its manifest ("interrupted"), or until {@link #WAIT} has passed. The JVM
 * then exits as it would have without the hook, with the signal's code: 130 for SIGINT, 143 for SIGTERM. The hook
 * does nothing when no run is active (a normal exit, or a command that acquires nothing). It runs before the serial
 * library closes its ports ({@link Links#runBeforeSerialPortsClose}), so a board can still be told to STOP.
 */
final class ShutdownStop {
    /**
     * The longest the hook holds the JVM. A healthy bench stops within a second; a silent instrument costs one link
     * timeout per step (by default 2 s: the last exchange, the final error check, then off and level per output), so
     * this covers a bench whose instruments have all gone quiet, and stays well inside systemd's 90 s stop timeout.
     */
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REASON = "SIGINT/SIGTERM";

    private static RunStopper stopper;

    private ShutdownStop() {
    }

    /** The process's stopper, with the shutdown hook installed. */
    static synchronized RunStopper stopper() {
        if (stopper == null) {
            RunStopper created = new RunStopper();
            Thread hook = new Thread(() -> stopAndWait(created, System.err), "spinnoise-run-stop");
            // Through the serial library when it loads: its own hook closes every port, and a board run still needs
            // its port to send STOP and receive the bits in flight.
            if (!Links.runBeforeSerialPortsClose(hook)) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            stopper = created;
        }
        return stopper;
    }

    private static void stopAndWait(RunStopper runs, PrintStream err) {
        runs.requestStop(REASON);
        try {
            if (!runs.awaitIdle(Duration.ofMillis(50))) {
                err.println("spinnoise: stopping: outputs to their safe state, STOP to a board, run folder closed "
                        + "(at most " + WAIT.toSeconds() + " s)");
                if (!runs.awaitIdle(WAIT)) {
                    err.println("spinnoise: the run did not close within " + WAIT.toSeconds()
                            + " s; its manifest may still say 'running' and outputs may be on: check the bench");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
