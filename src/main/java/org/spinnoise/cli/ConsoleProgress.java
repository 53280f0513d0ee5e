package org.spinnoise.cli;

import java.io.PrintWriter;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.RunListener;

/**
 * Shows a run on the console: one line per stage and per sweep point on standard output, and the switching sweep
 * ("sweep", in write pulses) and the acquisition ("acquire", in bits) as progress tasks on the command's progress
 * display. A bar on screen is wiped before a line is
 * printed, so the two never share a line.
 */
final class ConsoleProgress implements RunListener {
    private final PrintWriter out;
    private final Progress progress;
    /** Bits already in the run before this session (a resumed run); the rate and time left count only the rest. */
    private long bitsBefore;
    private boolean acquiring;
    private long sweepPulsesPlanned;
    private long sweepPulsesDone;
    private boolean sweeping;

    ConsoleProgress(PrintWriter out, Progress progress) {
        this.out = out;
        this.progress = progress;
    }

    /** The run being continued already holds {@code bits}. */
    void resumingFrom(long bits) {
        bitsBefore = bits;
    }

    @Override
    public void stage(String description) {
        endSweep();
        println("* " + description);
    }

    @Override
    public void sweepStarting(long plannedPulses) {
        endSweep();
        sweepPulsesPlanned = plannedPulses;
        sweepPulsesDone = 0;
        progress.begin("sweep", plannedPulses, "pulse");
        sweeping = true;
    }

    @Override
    public void sweepPoint(SwitchingPoint p) {
        println(String.format("    %.4f V  %5d / %5d switched (%.3f)", p.amplitudeVolts(), p.switched(), p.pulses(),
                p.fraction()));
        if (sweeping) {
            // an adaptive sweep may end a little short of its budget, never beyond what the bar shows
            sweepPulsesDone = Math.min(sweepPulsesPlanned, sweepPulsesDone + p.pulses());
            progress.advance(sweepPulsesDone);
        }
    }

    @Override
    public void acquisitionStarting(long totalBits) {
        endSweep();
        endAcquisition();
        progress.begin("acquire", totalBits - bitsBefore, "bit");
        acquiring = true;
    }

    @Override
    public void acquired(long bits, long totalBits) {
        if (!acquiring) {
            acquisitionStarting(totalBits);
        }
        progress.advance(bits - bitsBefore);
        if (bits >= totalBits) {
            endAcquisition();
        }
    }

    private void endSweep() {
        if (sweeping) {
            progress.end();
            sweeping = false;
        }
    }

    private void endAcquisition() {
        if (acquiring) {
            progress.end();
            acquiring = false;
        }
    }

    private void println(String line) {
        ConsoleProgressBar.clearLine(progress);
        out.println(line);
        out.flush();
    }
}
