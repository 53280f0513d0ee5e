package org.spinnoise.sim;

/**
 * One call of a real driver method, named as a failure should name it (e.g. {@code configure(2, reset pulse)}), for
 * tests that replay a driver's whole repertoire against a simulated instrument.
 */
record DriverCall<D>(String name, Body<D> body) {

    /** What the call does with the driver; any exception counts as the call failing. */
    @FunctionalInterface
    interface Body<D> {
        void run(D driver) throws Exception;
    }

    static <D> DriverCall<D> of(String name, Body<D> body) {
        return new DriverCall<>(name, body);
    }
}
