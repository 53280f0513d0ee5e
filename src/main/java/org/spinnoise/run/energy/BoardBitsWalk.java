package org.spinnoise.run.energy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Walks a board run's {@code bits.bin} and tallies each cycle's pulses (PROTOCOL.md §4.3: one bit is one cycle on one
 * junction, reset pulse, write pulse, wait the read delay, read, compare; with k junctions selected, bit i comes from
 * the (i mod k)-th). The board reports no resistance, only the comparator's bit (1 = antiparallel, §4.3), so R comes
 * from the board calibration's R_P and R_AP in ohms (known when the calibration had --ohms-per-read-code): the reset
 * of bit i meets the state of the same junction's previous bit (R_AP for a 1, R_P for a 0; its first: R_P, the lower,
 * an upper bound); the write meets the parallel state the reset made, R_P. Without those ohms a pulse's energy cannot
 * be known and is counted without joules. The board's reads are counted without joules: PROTOCOL.md gives the read
 * delay but neither the read bias nor the read's duration. Cycles the board ran without delivering a bit (pulses fired
 * beyond the bits, §4.6) are counted at R_P. A board array run walks the same way with each junction's own cycle, state
 * and calibration ({@link BoardArrayEnergy}: junction-blocks.csv says which junction made each bit).
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
    record Cycle(double writeVolts, double writeSeconds, double resetVolts, double resetSeconds, Double parallelOhms,
                 Double antiparallelOhms) {
        boolean ohmsKnown() {
            return parallelOhms != null && antiparallelOhms != null;
        }
    }

    /** One junction of the walk: its name in the ledger, its applied cycle, and its cycles that kept no bit. */
    record Junction(String name, Cycle cycle, long lostCycles) {
    }

    /**
     * A single-junction board run (one operating point for the {@code junctions} of its mask, bit i from the
     * (i mod k)-th, §4.3); its {@code lostCycles} are counted at R_P.
     */
    static BenchReadsWalk.Walked walk(Path bitsBin, long bits, Cycle c, int junctions, long lostCycles)
            throws IOException {
        int k = Math.max(1, junctions);
        List<Junction> js = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            js.add(new Junction("junction " + j, c, j == 0 ? lostCycles : 0));
        }
        return walk(bitsBin, bits, js, new InTurn(k));
    }

    /** Bit i from the (i mod k)-th junction, kept as a counter: no division per bit. */
    private static final class InTurn implements BenchReadsWalk.Owners {
        private final int k;
        private int next;

        InTurn(int k) {
            this.k = k;
        }

        @Override
        public int next() {
            int at = next;
            next = at + 1 == k ? 0 : at + 1;
            return at;
        }
    }

    /**
     * Tallies the first {@code bits} bits of {@code bitsBin}, each on the junction {@code owners} names (a position in
     * {@code js}), with that junction's cycle and R; then each junction's cycles that kept no bit at its R_P.
     */
    static BenchReadsWalk.Walked walk(Path bitsBin, long bits, List<Junction> js, BenchReadsWalk.Owners owners)
            throws IOException {
        int k = js.size();
        int[] previous = new int[k];
        Arrays.fill(previous, -1);
        long[] kept = new long[k];
        // Resets that met R_AP: bits whose same junction's previous bit was a 1. Counted, then summed in two terms per
        // junction, so a board run of 10^8 bits costs one pass of shifts and adds.
        long[] afterOne = new long[k];
        long i = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bitsBin), 1 << 16)) {
            for (int b; i < bits && (b = in.read()) >= 0; ) {
                for (int bit = 7; bit >= 0 && i < bits; bit--, i++) {
                    int p = owners.next();
                    if (previous[p] == 1) {
                        afterOne[p]++;
                    }
                    previous[p] = (b >>> bit) & 1;
                    kept[p]++;
                }
            }
        }
        if (i < bits) {
            throw new IOException(bitsBin + " holds " + i + " bits but the manifest says " + bits);
        }
        EnergyTally tally = declare(js);
        List<BenchReadsWalk.JunctionTotal> totals = new ArrayList<>();
        long lostAll = 0;
        for (int p = 0; p < k; p++) {
            Cycle c = js.get(p).cycle();
            long lost = js.get(p).lostCycles();
            lostAll += lost;
            double joules = Double.NaN;
            if (c.ohmsKnown()) {
                double rp = c.parallelOhms();
                joules = tally.addMany(RESET, afterOne[p], c.resetVolts(), c.resetSeconds(), c.antiparallelOhms())
                        + tally.addMany(RESET, kept[p] - afterOne[p], c.resetVolts(), c.resetSeconds(), rp)
                        + tally.addMany(WRITE, kept[p], c.writeVolts(), c.writeSeconds(), rp)
                        + tally.addMany(LOST_CYCLE_RESET, lost, c.resetVolts(), c.resetSeconds(), rp)
                        + tally.addMany(LOST_CYCLE_WRITE, lost, c.writeVolts(), c.writeSeconds(), rp);
            } else {
                unknown(tally, RESET, kept[p]);
                unknown(tally, WRITE, kept[p]);
                unknown(tally, LOST_CYCLE_RESET, lost);
                unknown(tally, LOST_CYCLE_WRITE, lost);
            }
            unknown(tally, READ, kept[p]);
            unknown(tally, LOST_CYCLE_READ, lost);
            totals.add(new BenchReadsWalk.JunctionTotal(js.get(p).name(), kept[p], lost, joules));
        }
        return new BenchReadsWalk.Walked(tally, bits, 3 * (bits + lostAll), totals);
    }

    private static void unknown(EnergyTally tally, String kind, long count) {
        if (count > 0) {
            tally.unknown(kind, count);
        }
    }

    /**
     * The kinds with their waveforms and resistance rules in words: one operating point's (a single-junction run's
     * junctions share it), or each junction's.
     */
    private static EnergyTally declare(List<Junction> js) {
        String resetWave = each(js, c -> String.format(Locale.ROOT, "%.4g V for %.4g s", c.resetVolts(),
                c.resetSeconds()));
        String writeWave = each(js, c -> String.format(Locale.ROOT, "%.4g V for %.4g s", c.writeVolts(),
                c.writeSeconds())) + (shared(js) ? " (the applied operating point)"
                : " (each junction's applied operating point)");
        String readRule = "not known: PROTOCOL.md gives no read bias or read duration";
        String none = "not known: the board reports bits, not ohms, and the run's calibration had no "
                + "--ohms-per-read-code";
        EnergyTally tally = new EnergyTally();
        if (js.stream().noneMatch(j -> j.cycle().ohmsKnown())) {
            return tally.kind(RESET, resetWave, none).kind(WRITE, writeWave, none).kind(READ, "not known", readRule)
                    .kind(LOST_CYCLE_RESET, resetWave, none).kind(LOST_CYCLE_WRITE, writeWave, none)
                    .kind(LOST_CYCLE_READ, "not known", readRule);
        }
        String rp;
        String reset;
        if (shared(js)) {
            Cycle c = js.get(0).cycle();
            rp = String.format(Locale.ROOT, "R_P %.1f Ω", c.parallelOhms());
            reset = String.format(Locale.ROOT, "(R_AP %.1f Ω for a 1, %s for a 0; its first: %s)",
                    c.antiparallelOhms(), rp, rp);
        } else {
            String ohms = each(js, c -> c.ohmsKnown() ? String.format(Locale.ROOT, "R_P %.1f Ω, R_AP %.1f Ω",
                    c.parallelOhms(), c.antiparallelOhms()) : "not known (its calibration gave no ohms)");
            rp = "its junction's R_P";
            reset = "(R_AP for a 1, R_P for a 0; its first: R_P), each junction its own: " + ohms;
        }
        return tally.kind(RESET, resetWave, "the board calibration's R of the state the same junction's previous bit "
                        + "showed " + reset)
                .kind(WRITE, writeWave, rp + " (the state the reset made)")
                .kind(READ, "not known", readRule)
                .kind(LOST_CYCLE_RESET, resetWave, rp).kind(LOST_CYCLE_WRITE, writeWave, rp)
                .kind(LOST_CYCLE_READ, "not known", readRule);
    }

    /** True when every junction has the same cycle (a single-junction run's mask). */
    private static boolean shared(List<Junction> js) {
        return js.stream().map(Junction::cycle).distinct().count() == 1;
    }

    /** {@code words} of the junctions' cycles: once when they all read alike, else each junction's by name. */
    private static String each(List<Junction> js, Function<Cycle, String> words) {
        List<String> all = js.stream().map(j -> words.apply(j.cycle())).toList();
        if (all.stream().distinct().count() == 1) {
            return all.get(0);
        }
        List<String> named = new ArrayList<>();
        for (int p = 0; p < js.size(); p++) {
            named.add(js.get(p).name() + ": " + all.get(p));
        }
        return String.join("; ", named);
    }
}
