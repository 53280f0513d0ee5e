package org.spinnoise.testing.bench;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;

/**
 * The JUnit 5 extension behind {@link WithSimulatedBench}: before each test it starts the bench the annotation names
 * (a fresh one per test, so every test sees new junctions, empty records and free ports, and no test can leave an
 * output on for the next), resolves {@link BenchUnderTest} parameters of the test and its {@code @BeforeEach} and
 * {@code @AfterEach} methods, and closes the bench after the test. When a test fails, the simulator's records (errors
 * raised, junction stress) are attached to the failure, since they usually say why.
 */
public final class SimulatedBenchExtension
        implements BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {
    /** System property naming the mock-instruments folder that relative bench paths start from. */
    public static final String MOCK_INSTRUMENTS_PROPERTY = "spinnoise.mockInstruments";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SimulatedBenchExtension.class);
    private static final String KEY = "bench";

    @Override
    public void beforeEach(ExtensionContext context) {
        WithSimulatedBench settings = settingsFor(context);
        BenchFile file = benchFile(settings.bench());
        long seed = settings.seed() == WithSimulatedBench.BENCH_FILE_SEED ? file.seed() : settings.seed();
        context.getStore(NAMESPACE).put(KEY, new BenchUnderTest(SimulatedBench.start(file, seed), file.name(), seed));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BenchUnderTest bench = context.getStore(NAMESPACE).remove(KEY, BenchUnderTest.class);
        if (bench != null) {
            bench.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BenchUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        BenchUnderTest bench = context.getStore(NAMESPACE).get(KEY, BenchUnderTest.class);
        if (bench == null) {
            throw new ParameterResolutionException("a BenchUnderTest exists only while a test runs (one bench per"
                    + " test); it cannot be injected into " + parameter.getDeclaringExecutable());
        }
        return bench;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        BenchUnderTest bench = context.getStore(NAMESPACE).get(KEY, BenchUnderTest.class);
        if (bench != null) {
            failure.addSuppressed(new SimulatorRecords(bench.summary()));
        }
        throw failure;
    }

    /** The annotation on the test method, else on its class or an enclosing class (for {@code @Nested} tests). */
    private static WithSimulatedBench settingsFor(ExtensionContext context) {
        Optional<WithSimulatedBench> found = find(context.getRequiredTestMethod());
        Class<?> type = context.getRequiredTestClass();
        while (found.isEmpty() && type != null) {
            found = find(type);
            type = type.getEnclosingClass();
        }
        return found.orElseThrow(() -> new ExtensionConfigurationException(SimulatedBenchExtension.class.getSimpleName()
                + " needs @WithSimulatedBench on " + context.getRequiredTestMethod() + " or its class"));
    }

    private static Optional<WithSimulatedBench> find(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, WithSimulatedBench.class);
    }

    /** "demo" is the built-in demo bench; anything else a bench file, relative to the mock-instruments folder. */
    static BenchFile benchFile(String bench) {
        if (bench.equals("demo")) {
            return BenchFile.demo();
        }
        Path path = Path.of(bench);
        if (!path.isAbsolute()) {
            path = mockInstrumentsDir().resolve(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ExtensionConfigurationException("@WithSimulatedBench(bench = \"" + bench + "\"): no bench file"
                    + " at " + path.toAbsolutePath() + "; give an absolute path, a path relative to the"
                    + " mock-instruments folder (set -D" + MOCK_INSTRUMENTS_PROPERTY + "=<folder> when it is not ./mock-instruments),"
                    + " or \"demo\"");
        }
        return BenchFile.read(path);
    }

    static Path mockInstrumentsDir() {
        return Path.of(System.getProperty(MOCK_INSTRUMENTS_PROPERTY, "mock-instruments"));
    }

    /** Carries the simulator's records on a failing test's exception; no stack trace, it is not where things failed. */
    static final class SimulatorRecords extends Exception {
        private static final long serialVersionUID = 1L;

        SimulatorRecords(String summary) {
            super(summary, null, false, false);
        }
    }
}
