package org.spinnoise.run.energy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Walks a board run's {@code bits.bin} and tallies each cycle's pulses (PROTOCOL.md §4.3: one bit is one cycle on one
 * junction, reset pulse, write pulse, wait the read delay, read, compare; with k junctions selected, bit i comes from
 * the (i mod k)-th). The board reports no resistance, only the comparator's bit (1 = antiparallel, §4.3), so R comes
 * from the board calibration's R_P and R_AP in ohms (known when the calibration had --ohms-per-read-code): the reset
 * of bit i meets the state of the same junction's previous bit (R_AP for a 1, R_P for a 0; its first: R_P, the lower,
 * an upper bound); the write meets the parallel state the reset made, R_P. Without those ohms a pulse's energy cannot
 * be known and is counted without joules. The board's reads are counted without joules: PROTOCOL.md gives the read
 * delay but neither the read bias nor the read's duration. Cycles the board ran without delivering a bit (pulses fired
 * beyond the bits, §4.6) are counted at R_P.
 */
final class BoardBitsWalk {
    static final String RESET = "reset pulse";
    static final String WRITE = "write pulse";
    static final String READ = "read (comparator)";
    static final String LOST_CYCLE_RESET = "reset pulse, no bit delivered";
    static final String LOST_CYCLE_WRITE = "write pulse, no bit delivered";
    static final String LOST_CYCLE_READ = "read (comparator), no bit delivered";

    private BoardBitsWalk() {
    }

    /** The applied cycle and the state resistances (both null when the run does not know them in ohms). */
    record Cycle(double writeVolts, double writeSeconds, double resetVolts, double resetSeconds, int junctions,
                 Double parallelOhms, Double antiparallelOhms) {
        boolean ohmsKnown() {
            return parallelOhms != null && antiparallelOhms != null;
        }
    }

    static BenchReadsWalk.Walked walk(Path bitsBin, long bits, Cycle c, long lostCycles) throws IOException {
        EnergyTally tally = new EnergyTally();
        String resetWave = String.format(Locale.ROOT, "%.4g V for %.4g s", c.resetVolts(), c.resetSeconds());
        String writeWave = String.format(Locale.ROOT, "%.4g V for %.4g s (the applied operating point)",
                c.writeVolts(), c.writeSeconds());
        String readRule = "not known: PROTOCOL.md gives no read bias or read duration";
        if (!c.ohmsKnown()) {
            String none = "not known: the board reports bits, not ohms, and the run's calibration had no "
                    + "--ohms-per-read-code";
            tally.kind(RESET, resetWave, none).kind(WRITE, writeWave, none).kind(READ, "not known", readRule)
                    .kind(LOST_CYCLE_RESET, resetWave, none).kind(LOST_CYCLE_WRITE, writeWave, none)
                    .kind(LOST_CYCLE_READ, "not known", readRule);
            tally.unknown(RESET, bits);
            tally.unknown(WRITE, bits);
            tally.unknown(READ, bits);
            tally.unknown(LOST_CYCLE_RESET, lostCycles);
            tally.unknown(LOST_CYCLE_WRITE, lostCycles);
            tally.unknown(LOST_CYCLE_READ, lostCycles);
            return new BenchReadsWalk.Walked(tally, bits, 3 * (bits + lostCycles));
        }
        double rp = c.parallelOhms();
        double rap = c.antiparallelOhms();
        String rpWords = String.format(Locale.ROOT, "R_P %.1f Ω", rp);
        tally.kind(RESET, resetWave, String.format(Locale.ROOT, "the board calibration's R of the state the same "
                        + "junction's previous bit showed (R_AP %.1f Ω for a 1, %s for a 0; its first: %s)", rap, rpWords,
                        rpWords))
                .kind(WRITE, writeWave, rpWords + " (the state the reset made)")
                .kind(READ, "not known", readRule)
                .kind(LOST_CYCLE_RESET, resetWave, rpWords).kind(LOST_CYCLE_WRITE, writeWave, rpWords)
                .kind(LOST_CYCLE_READ, "not known", readRule);
        int k = Math.max(1, c.junctions());
        int[] previous = new int[k];
        Arrays.fill(previous, -1);
        long i = 0;
        // Resets that met R_AP: bits whose same junction's previous bit was a 1. Counted, then summed in two terms, so
        // a board run of 10^8 bits costs one pass of shifts and adds.
        long afterOne = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bitsBin), 1 << 16)) {
            int junction = 0; // i mod k, kept as a counter: no division per bit
            for (int b; i < bits && (b = in.read()) >= 0; ) {
                for (int bit = 7; bit >= 0 && i < bits; bit--, i++) {
                    if (previous[junction] == 1) {
                        afterOne++;
                    }
                    previous[junction] = (b >>> bit) & 1;
                    if (++junction == k) {
                        junction = 0;
                    }
                }
            }
        }
        if (i < bits) {
            throw new IOException(bitsBin + " holds " + i + " bits but the manifest says " + bits);
        }
        tally.addMany(RESET, afterOne, c.resetVolts(), c.resetSeconds(), rap);
        tally.addMany(RESET, bits - afterOne, c.resetVolts(), c.resetSeconds(), rp);
        tally.addMany(WRITE, bits, c.writeVolts(), c.writeSeconds(), rp);
        tally.unknown(READ, bits);
        tally.addMany(LOST_CYCLE_RESET, lostCycles, c.resetVolts(), c.resetSeconds(), rp);
        tally.addMany(LOST_CYCLE_WRITE, lostCycles, c.writeVolts(), c.writeSeconds(), rp);
        tally.unknown(LOST_CYCLE_READ, lostCycles);
        return new BenchReadsWalk.Walked(tally, bits, 3 * (bits + lostCycles));
    }
}
