package org.spinnoise.run.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * Where no read came before (the run's first pulse, the write before any P read, the reference read) the calibrated
 * R_P stands in: the lower of the two states, so that pulse's energy is an upper bound. Operations whose reads were not
 * kept (ambiguous reads inside the guard band, bits discarded unconfirmed) have no recorded R either: they are counted
 * at R_P too, and listed on rows of their own.
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
    record Waveform(boolean toggle, PulseShape reset, ReadBias read, double parallelOhms) {
    }

    /** What the walk found: the tally and the number of kept bits it read. */
    record Walked(EnergyTally tally, long bits, long operations) {
    }

    /**
     * Tallies the kept bits of {@code readsCsv} and {@code lostBits} cycles whose reads were not kept.
     *
     * @throws IOException when the file cannot be read or a row is malformed (named with its line)
     */
    static Walked walk(Path readsCsv, Waveform w, long lostBits) throws IOException {
        double readSeconds = ReadIntegration.seconds(w.read().nplc());
        double bias = w.read().biasVolts();
        String rp = String.format(Locale.ROOT, "calibrated R_P %.1f Ω", w.parallelOhms());
        EnergyTally tally = new EnergyTally();
        String readWave = String.format(Locale.ROOT, "%.4g V for %.4g s", bias, readSeconds);
        if (w.toggle()) {
            tally.kind(REFERENCE_READ, readWave, rp + " (its read is not recorded)")
                    .kind(WRITE, "amplitude and width of each row of reads.csv", "the measured R of the read before it "
                            + "(the first pulse: " + rp + ")");
        } else {
            String resetWave = String.format(Locale.ROOT, "%.4g V for %.4g s", w.reset().amplitudeVolts(),
                    w.reset().widthSeconds());
            tally.kind(RESET, resetWave, "the measured R of the read before it (the run's first reset: " + rp + ")")
                    .kind(WRITE, "amplitude and width of each row of reads.csv", "the latest measured R of a read of "
                            + "state P (bit 0) before it, the state the reset made (before any: " + rp + ")");
        }
        tally.kind(READ, readWave, "its own measured R");
        long bits = 0;
        Row lastWrite = null;
        try (BufferedReader in = Files.newBufferedReader(readsCsv, StandardCharsets.US_ASCII)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(readsCsv + " is empty (no header)");
            }
            Double previous = null;
            double lastParallel = w.parallelOhms();
            int lineNumber = 1;
            if (w.toggle()) {
                tally.add(REFERENCE_READ, bias, readSeconds, w.parallelOhms());
            }
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isEmpty()) {
                    continue;
                }
                Row r = Row.parse(readsCsv, lineNumber, line);
                if (w.toggle()) {
                    tally.add(WRITE, r.writeVolts, r.writeSeconds, previous == null ? w.parallelOhms() : previous);
                } else {
                    tally.add(RESET, w.reset().amplitudeVolts(), w.reset().widthSeconds(),
                            previous == null ? w.parallelOhms() : previous);
                    tally.add(WRITE, r.writeVolts, r.writeSeconds, lastParallel);
                    if (r.bit == 0) {
                        lastParallel = r.ohms;
                    }
                }
                tally.add(READ, bias, readSeconds, r.ohms);
                previous = r.ohms;
                lastWrite = r;
                bits++;
            }
        }
        long operations = bits * (w.toggle() ? 2 : 3) + (w.toggle() ? 1 : 0);
        if (lostBits > 0) {
            if (!w.toggle()) {
                tally.kind(LOST_RESET, String.format(Locale.ROOT, "%.4g V for %.4g s", w.reset().amplitudeVolts(),
                        w.reset().widthSeconds()), rp + " (no read kept)");
                tally.addMany(LOST_RESET, lostBits, w.reset().amplitudeVolts(), w.reset().widthSeconds(),
                        w.parallelOhms());
            }
            tally.kind(LOST_WRITE, "the run's last write pulse", rp + " (no read kept)")
                    .kind(LOST_READ, readWave, rp + " (no read kept)");
            if (lastWrite == null) {
                tally.unknown(LOST_WRITE, lostBits);
            } else {
                tally.addMany(LOST_WRITE, lostBits, lastWrite.writeVolts, lastWrite.writeSeconds, w.parallelOhms());
            }
            tally.addMany(LOST_READ, lostBits, bias, readSeconds, w.parallelOhms());
            operations += lostBits * (w.toggle() ? 2 : 3);
        }
        return new Walked(tally, bits, operations);
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
