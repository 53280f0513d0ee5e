package org.spinnoise.testing.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test against its own simulated bench (real loopback TCP servers speaking SCPI, wired to simulated
 * junctions), started before the test and closed after it; the test receives a {@link BenchUnderTest} parameter with
 * the instruments' VISA addresses, the seed and the simulator's records. On a class it applies to every test method,
 * on a method to that test (a method's annotation wins over its class's). {@code bench} is {@code "demo"} for the demo
 * bench built into spinnoise, or a bench file: absolute, or relative to the {@code mock-instruments} folder (the one
 * named by the system property {@code spinnoise.mockInstruments}, else {@code ./mock-instruments}), e.g.
 * {@code "benches/demo.json"}. Its models are read from {@code ../models/} beside the bench file.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SimulatedBenchExtension.class)
public @interface WithSimulatedBench {
    /** The seed value meaning "the seed written in the bench file". */
    long BENCH_FILE_SEED = Long.MIN_VALUE;

    /** {@code "demo"} (built in) or a bench file, relative to the mock-instruments folder unless absolute. */
    String bench() default "demo";

    /** Seed of all simulated randomness; the same seed and the same commands give the same junction behaviour. */
    long seed() default BENCH_FILE_SEED;
}
