package org.spinnoise.cli;

import java.io.PrintWriter;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.run.RunListener;

/** Prints a run's progress on the console: one line per stage, per sweep point and per tenth of the acquisition. */
final class ConsoleProgress implements RunListener {
    private final PrintWriter out;
    private int lastTenth;

    ConsoleProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stage(String description) {
        out.println("* " + description);
        out.flush();
    }

    @Override
    public void sweepPoint(SwitchingPoint p) {
        out.printf("    %.4f V  %5d / %5d switched (%.3f)%n", p.amplitudeVolts(), p.switched(), p.pulses(),
                p.fraction());
        out.flush();
    }

    @Override
    public void acquired(long bits, long totalBits) {
        int tenth = (int) (10 * bits / totalBits);
        if (tenth != lastTenth) {
            lastTenth = tenth;
            out.printf("    %,d / %,d bits%n", bits, totalBits);
            out.flush();
        }
    }
}
