package org.spinnoise.calibration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;

/**
 * The measured toggle probability of a junction over pulse width and amplitude: one amplitude sweep per width (each a
 * {@link SwitchingCurve} whose "switched" counts are toggles), in ascending width. Measured through the
 * {@link BitSource} seam with a toggle source, whose bits say whether each pulse toggled the state.
 */
public record ToggleMap(List<SwitchingCurve> rows) {

    public ToggleMap {
        rows = List.copyOf(rows);
    }

    /** One cell of the map. */
    public record Cell(double widthSeconds, double amplitudeVolts, int pulses, int toggled) {
        public double fraction() {
            return (double) toggled / pulses;
        }
    }

    /**
     * Measures the map: the widths in a shuffled order (slow drift spreads over all of them), at each an amplitude
     * sweep ({@link SwitchingSweep}, amplitudes shuffled too). Batches reach {@code recorder} once confirmed.
     */
    public static ToggleMap measure(BitSource source, ToggleMapPlan plan, long seed, Consumer<BitBatch> recorder,
                                    Consumer<SwitchingPoint> progress, BooleanSupplier stopRequested)
            throws IOException {
        List<Double> widths = plan.widthsSeconds();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < widths.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<SwitchingCurve> rows = new ArrayList<>();
        for (int i : order) {
            SweepPlan row = SweepPlan.linear(plan.minVolts(), plan.maxVolts(), plan.amplitudePoints(),
                    plan.pulsesPerCell(), widths.get(i));
            rows.add(SwitchingSweep.run(source, row, seed + 1 + i, recorder, progress, stopRequested));
        }
        rows.sort(Comparator.comparingDouble(SwitchingCurve::widthSeconds));
        return new ToggleMap(rows);
    }

    /** Every cell, by width then amplitude. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (SwitchingCurve row : rows) {
            row.points().stream().sorted(Comparator.comparingDouble(SwitchingPoint::amplitudeVolts)).forEach(p ->
                    cells.add(new Cell(row.widthSeconds(), p.amplitudeVolts(), p.pulses(), p.switched())));
        }
        return cells;
    }

    /** The cell that toggled most often. */
    public Cell mostToggled() {
        return cells().stream().max(Comparator.comparingDouble(Cell::fraction)).orElseThrow();
    }

    /** Toggle trials in the whole map. */
    public long pulses() {
        return cells().stream().mapToLong(Cell::pulses).sum();
    }
}
