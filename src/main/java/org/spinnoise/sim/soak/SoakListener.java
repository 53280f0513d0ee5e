package org.spinnoise.sim.soak;

/** Who watches a soak (the console): told its figures every period, from the soak's own thread. */
@FunctionalInterface
public interface SoakListener {
    void periodic(SoakSnapshot snapshot);
}
