package org.spinnoise.progress;

/**
 * How long-running work says how far it has got, so that whoever runs it can show a bar or a log line. Work calls
 * {@link #begin} with what it is about to do, {@link #advance} or {@link #step} as it goes (per batch or block, not
 * per bit: implementations look at the clock on every call), and {@link #end} when done, in a {@code finally}. Tasks
 * nest: a task begun inside another is shown as part of it (calibrate &gt; sweep) and the outer one carries on when
 * it ends. One thread reports at a time. {@link #NONE} ignores everything and costs nothing.
 */
public interface Progress {

    /** Reports to nobody. */
    Progress NONE = new Progress() {
        @Override
        public void begin(String task, long total, String unit) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void step(long count) {
        }

        @Override
        public void end() {
        }
    };

    /**
     * Starts a task.
     *
     * @param task  what is being done, a few words ("assess", "sweep 0.412 V")
     * @param total how many units the task will do; 0 or less when not known
     * @param unit  the unit counted, singular ("bit", "image", "step", "pulse")
     */
    void begin(String task, long total, String unit);

    /** The current task has done {@code done} units in all. */
    void advance(long done);

    /** The current task has done {@code count} more units. */
    void step(long count);

    /** The current task is over (finished or abandoned); the task it was nested in, if any, is current again. */
    void end();
}
