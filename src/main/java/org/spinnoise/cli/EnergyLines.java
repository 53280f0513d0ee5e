package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.energy.RunEnergy;

/**
 * The energy ledger of a run folder in a few console lines (after a run and in {@code runs show}): device energy per
 * raw and per output bit, the pulses alone, per µm² when the profile gave an area, and where the whole ledger is.
 */
final class EnergyLines {
    private EnergyLines() {
    }

    /** Prints the folder's ledger with labels {@code width} wide; nothing when the folder has none. */
    static void print(PrintWriter out, Path folder, int width) {
        EnergyLedger l;
        try {
            l = RunEnergy.read(folder);
        } catch (IOException e) {
            out.printf("%-" + width + "s %s%n", "energy", e.getMessage());
            return;
        }
        if (l == null) {
            return;
        }
        if (!l.computed()) {
            out.printf("%-" + width + "s not computed: %s%n", "energy", l.notComputed());
            return;
        }
        out.printf(Locale.ROOT, "%-" + width + "s %s per raw bit, %s per output bit (%s); pulses alone %s per raw "
                        + "bit%n", "energy", joules(l.joulesPerRawBit()), joules(l.joulesPerOutputBit()), l.covers(),
                joules(l.pulseJoulesPerRawBit()));
        if (l.joulesPerOutputBitPerSquareMicrometer() != null) {
            out.printf(Locale.ROOT, "%-" + width + "s %.3g J/bit/µm² per output bit (area %.4g µm², %s)%n",
                    "energy/area", l.joulesPerOutputBitPerSquareMicrometer(), l.areaSquareMeters() * 1e12,
                    l.areaSource());
        }
        out.printf(Locale.ROOT, "%-" + width + "s %.3g s and %.2f junction operations per raw bit; instrument "
                        + "energy is not in the device figure (%s)%n", "energy overhead",
                l.overhead().secondsPerRawBit(), l.overhead().operationsPerRawBit(),
                folder.resolve(RunEnergy.JSON_FILE));
    }

    private static String joules(Double j) {
        return j == null ? "not known" : String.format(Locale.ROOT, "%.3g J", j);
    }
}
