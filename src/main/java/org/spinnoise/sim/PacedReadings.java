package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of readings an SMU paces by itself, as its trigger model, script or trigger system runs it: for each
 * reading an edge on a trigger output, a wait, then one reading of the junction. Everything is scheduled on the
 * bench's {@link SimClock} and run in time order, so the pulses a pulse generator fires on those edges land on the
 * junction before or after each reading exactly as their timing puts them. Simulated SMUs of every family use it.
 */
final class PacedReadings {
    /** What a run produced: the readings in order and the modelled time from the first edge to the last reading's end. */
    record Result(List<String> readings, double seconds) {
    }

    private PacedReadings() {
    }

    /**
     * Runs {@code count} cycles starting now on the clock.
     *
     * @param outPort        the trigger output that carries an edge at the start of each cycle, or null for none
     * @param settleSeconds  wait from the edge to the start of the reading
     * @param readingSeconds how long one reading takes (integration, autozero, overheads)
     * @param gapSeconds     any further wait after a reading before the next cycle's edge
     * @param reading        makes one reading of the junction as it is at that moment, in the reply's text form
     */
    static Result run(ScpiInstrument smu, int count, String outPort, double settleSeconds, double readingSeconds,
                      double gapSeconds, ReadingSource reading) {
        SimClock clock = smu.clock();
        double start = clock.nowSeconds();
        List<String> readings = new ArrayList<>(count);
        double t = start;
        for (int i = 0; i < count; i++) {
            if (outPort != null) {
                smu.emitTrigger(outPort, t);
            }
            clock.at(t + settleSeconds, () -> readings.add(reading.read()));
            t += settleSeconds + readingSeconds + gapSeconds;
        }
        clock.runAll();
        return new Result(readings, t - start);
    }

    /** One reading of the junction now. */
    @FunctionalInterface
    interface ReadingSource {
        String read();
    }
}
