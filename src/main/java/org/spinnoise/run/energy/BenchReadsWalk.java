package org.spinnoise.run.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;

/**
 * Walks a bench run's {@code reads.csv} (one row per kept bit: the write pulse applied and the resistance read after
 * it) and tallies each operation's energy with the resistance the junction had when it was applied:
 * <ul>
 * <li>reset-write-read (per-bit and batched schemes): the reset pulse of bit i meets the state read for bit i−1 (its
 * measured R); the write pulse meets the parallel state the reset made, whose R is the latest read of state P (bit 0)
 * before it; a read divides by its own measured R;</li>
 * <li>toggle (read, write, read; no reset): the write pulse of bit i meets the state read for bit i−1; the reference
 * read before the first pulse is not in the file.</li>
 * </ul>
 * An array run's file interleaves several junctions ({@link Junctions} says which made each row): "before" then means
 * the same junction's previous read, each junction keeping its own state. Where no read came before (a junction's
 * first pulse, the write before any P read, the reference read) that junction's calibrated R_P stands in: the lower of
 * the two states, so that pulse's energy is an upper bound. Operations whose reads were not kept (ambiguous reads
 * inside the guard band, bits discarded unconfirmed, an array junction's bits held back or dropped) have no recorded R
 * either: they are counted at their junction's R_P too, and listed on rows of their own.
 */
final class BenchReadsWalk {
    static final String RESET = "reset pulse";
    static final String WRITE = "write pulse";
    static final String READ = "read";
    static final String REFERENCE_READ = "reference read";
    static final String LOST_RESET = "reset pulse, no bit kept";
    static final String LOST_WRITE = "write pulse, no bit kept";
    static final String LOST_READ = "read, no bit kept";

    private BenchReadsWalk() {
    }

    /** What a bench run applied besides the write pulses of reads.csv. */
    record Waveform(boolean toggle, PulseShape reset, ReadBias read) {
    }

    /**
     * One junction whose reads the file holds.
     *
     * @param name           how the ledger names it ("junction 2"; unused for a single junction)
     * @param parallelOhms   its calibrated R_P, standing in where no read of it came before
     * @param lostBits       its cycles that kept no bit
     * @param operatingWrite the write pulse of its operating point, counted for its lost cycles when it kept no read
     *                       at all (null: such writes are not known)
     */
    record Junction(String name, double parallelOhms, long lostBits, PulseShape operatingWrite) {
    }

    /** Which junction (its position in {@link Junctions#all()}) made the next row of reads.csv. */
    @FunctionalInterface
    interface Owners {
        int next() throws IOException;
    }

    /** The junctions of a run and which made each row; a single-junction run is one junction owning every row. */
    record Junctions(List<Junction> all, Owners owners) {
        static Junctions one(double parallelOhms, long lostBits) {
            return new Junctions(List.of(new Junction("the junction", parallelOhms, lostBits, null)), () -> 0);
        }

        boolean single() {
            return all.size() == 1;
        }
    }

    /** One junction's share of the walk: its kept bits and the joules of every operation on it. */
    record JunctionTotal(String name, long bits, long lostBits, double joules) {
    }

    /** What the walk found: the tally, the kept bits it read, all operations, and each junction's share. */
    record Walked(EnergyTally tally, long bits, long operations, List<JunctionTotal> junctions) {
        Walked(EnergyTally tally, long bits, long operations) {
            this(tally, bits, operations, List.of());
        }
    }

    /** A junction's state along the walk. */
    private static final class State {
        final Junction junction;
        Double previous;
        double lastParallel;
        Row lastWrite;
        long bits;
        double joules;

        State(Junction junction) {
            this.junction = junction;
            this.lastParallel = junction.parallelOhms();
        }

        double before() {
            return previous == null ? junction.parallelOhms() : previous;
        }
    }

    /**
     * Tallies the kept bits of {@code readsCsv}, each on the junction {@code js} says made it, and each junction's
     * cycles whose reads were not kept.
     *
     * @throws IOException when the file cannot be read or a row is malformed (named with its line)
     */
    static Walked walk(Path readsCsv, Waveform w, Junctions js) throws IOException {
        double readSeconds = ReadIntegration.seconds(w.read().nplc());
        double bias = w.read().biasVolts();
        List<State> states = js.all().stream().map(State::new).toList();
        Words words = Words.of(js);
        EnergyTally tally = new EnergyTally();
        String readWave = String.format(Locale.ROOT, "%.4g V for %.4g s", bias, readSeconds);
        if (w.toggle()) {
            tally.kind(REFERENCE_READ, readWave, words.rp + " (its read is not recorded)")
                    .kind(WRITE, "amplitude and width of each row of reads.csv", "the measured R of " + words.prior
                            + " before it (the first pulse: " + words.rp + ")");
        } else {
            tally.kind(RESET, wave(w.reset()), "the measured R of " + words.prior + " before it (" + words.first
                            + " first reset: " + words.rp + ")")
                    .kind(WRITE, "amplitude and width of each row of reads.csv", "the latest measured R of a read of "
                            + "state P (bit 0)" + words.same + " before it, the state the reset made (before any: "
                            + words.rp + ")");
        }
        tally.kind(READ, readWave, "its own measured R");
        if (w.toggle()) {
            for (State s : states) {
                s.joules += tally.add(REFERENCE_READ, bias, readSeconds, s.junction.parallelOhms());
            }
        }
        long bits = 0;
        try (BufferedReader in = Files.newBufferedReader(readsCsv, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(readsCsv + " is empty (no header)");
            }
            int lineNumber = 1;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                Row r = Row.parse(readsCsv, lineNumber, line);
                step(tally, w, states.get(js.owners().next()), r, bias, readSeconds);
                bits++;
            }
        }
        int opsPerBit = w.toggle() ? 2 : 3;
        long operations = bits * opsPerBit + (w.toggle() ? states.size() : 0);
        long lostBits = states.stream().mapToLong(s -> s.junction.lostBits()).sum();
        if (lostBits > 0) {
            lost(tally, w, states, words, readWave, bias, readSeconds);
            operations += lostBits * opsPerBit;
        }
        return new Walked(tally, bits, operations, states.stream()
                .map(s -> new JunctionTotal(s.junction.name(), s.bits, s.junction.lostBits(), s.joules)).toList());
    }

    /** The operations of one kept bit on its junction, each with the R that junction had. */
    private static void step(EnergyTally tally, Waveform w, State s, Row r, double bias, double readSeconds) {
        if (w.toggle()) {
            s.joules += tally.add(WRITE, r.writeVolts, r.writeSeconds, s.before());
        } else {
            s.joules += tally.add(RESET, w.reset().amplitudeVolts(), w.reset().widthSeconds(), s.before());
            s.joules += tally.add(WRITE, r.writeVolts, r.writeSeconds, s.lastParallel);
            if (r.bit == 0) {
                s.lastParallel = r.ohms;
            }
        }
        s.joules += tally.add(READ, bias, readSeconds, r.ohms);
        s.previous = r.ohms;
        s.lastWrite = r;
        s.bits++;
    }

    /** Each junction's cycles that kept no bit, at its R_P, the write its last kept one (or its operating point's). */
    private static void lost(EnergyTally tally, Waveform w, List<State> states, Words words, String readWave,
                             double bias, double readSeconds) {
        String noRead = words.rp + " (no read kept)";
        if (!w.toggle()) {
            tally.kind(LOST_RESET, wave(w.reset()), noRead);
        }
        tally.kind(LOST_WRITE, words.single ? "the run's last write pulse" : "the junction's last write pulse in "
                + "reads.csv (one that kept none: its operating point's)", noRead).kind(LOST_READ, readWave, noRead);
        for (State s : states) {
            long lost = s.junction.lostBits();
            if (lost == 0) {
                continue;
            }
            double rp = s.junction.parallelOhms();
            if (!w.toggle()) {
                s.joules += tally.addMany(LOST_RESET, lost, w.reset().amplitudeVolts(), w.reset().widthSeconds(), rp);
            }
            if (s.lastWrite != null) {
                s.joules += tally.addMany(LOST_WRITE, lost, s.lastWrite.writeVolts, s.lastWrite.writeSeconds, rp);
            } else if (s.junction.operatingWrite() != null) {
                s.joules += tally.addMany(LOST_WRITE, lost, s.junction.operatingWrite().amplitudeVolts(),
                        s.junction.operatingWrite().widthSeconds(), rp);
            } else {
                tally.unknown(LOST_WRITE, lost);
            }
            s.joules += tally.addMany(LOST_READ, lost, bias, readSeconds, rp);
        }
    }

    private static String wave(PulseShape p) {
        return String.format(Locale.ROOT, "%.4g V for %.4g s", p.amplitudeVolts(), p.widthSeconds());
    }

    /** The resistance rules' words: one junction's, or an array's (each junction's own reads and R_P). */
    private record Words(boolean single, String prior, String same, String first, String rp) {
        static Words of(Junctions js) {
            if (js.single()) {
                return new Words(true, "the read", "", "the run's", String.format(Locale.ROOT,
                        "calibrated R_P %.1f Ω", js.all().get(0).parallelOhms()));
            }
            List<String> each = new ArrayList<>();
            for (Junction j : js.all()) {
                each.add(String.format(Locale.ROOT, "%s: %.1f Ω", j.name(), j.parallelOhms()));
            }
            return new Words(false, "the same junction's read", " of the same junction", "each junction's",
                    "its junction's calibrated R_P (" + each.stream().collect(Collectors.joining(", ")) + ")");
        }
    }

    /** One row of reads.csv: index,time_ns,write_amplitude_volts,write_width_seconds,resistance_ohms,bit. */
    private record Row(double writeVolts, double writeSeconds, double ohms, int bit) {
        static Row parse(Path file, int lineNumber, String line) throws IOException {
            String[] f = line.split(",", -1);
            try {
                if (f.length != 6) {
                    throw new NumberFormatException("expected 6 fields, found " + f.length);
                }
                double ohms = Double.parseDouble(f[4]);
                if (!(ohms > 0)) {
                    throw new NumberFormatException("resistance " + f[4] + " is not positive");
                }
                return new Row(Double.parseDouble(f[2]), Double.parseDouble(f[3]), ohms, Integer.parseInt(f[5]));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + lineNumber + " is not a read (" + e.getMessage() + ")");
            }
        }
    }
}
