package org.spinnoise.testing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.spinnoise.sim.BenchFile;

/**
 * How {@link WithSimulatedBench} chooses and manages its bench: the class's bench and seed apply unless a method
 * names its own, the bench file's seed is used when none is given, {@code @BeforeEach} methods see the same bench as
 * the test, a bench is closed once its test is over, and a bench file that does not exist is refused with a message
 * that says where it was looked for.
 */
@WithSimulatedBench(bench = "benches/demo.json", seed = 7)
class SimBenchExtensionTest {
    /** The bench of {@link #theBenchIsClosedAfterItsTest}, checked in {@link #benchesAreClosed()}. */
    private static InetSocketAddress closedAfterTest;
    private BenchUnderTest seenBeforeEach;

    @BeforeEach
    void remember(BenchUnderTest bench) {
        seenBeforeEach = bench;
    }

    @Test
    void theClassAnnotationGivesBenchAndSeed(BenchUnderTest bench) {
        assertEquals(7, bench.seed());
        assertEquals("demo", bench.benchName());
        assertEquals(java.util.List.of("pulse", "smu"), java.util.List.copyOf(bench.addresses().keySet()));
        assertTrue(bench.address("pulse").startsWith("TCPIP::127.0.0.1::"), bench.address("pulse"));
    }

    @Test
    @WithSimulatedBench(seed = 11)
    void aMethodAnnotationWinsOverTheClassOne(BenchUnderTest bench) {
        assertEquals(11, bench.seed());
    }

    @Test
    @WithSimulatedBench(bench = "benches/demo.json")
    void withoutASeedTheBenchFilesSeedIsUsed(BenchUnderTest bench) {
        long fileSeed = BenchFile.read(Path.of("mock-instruments/benches/demo.json")).seed();
        assertEquals(fileSeed, bench.seed());
    }

    @Test
    void beforeEachMethodsSeeTheTestsBench(BenchUnderTest bench) {
        assertTrue(seenBeforeEach == bench, "the @BeforeEach method was given another bench");
    }

    @Test
    void theBenchIsClosedAfterItsTest(BenchUnderTest bench) throws IOException {
        closedAfterTest = bench.socketAddress("pulse");
        try (Socket open = new Socket(closedAfterTest.getAddress(), closedAfterTest.getPort())) {
            assertTrue(open.isConnected());
        }
    }

    @AfterAll
    static void benchesAreClosed() {
        if (closedAfterTest == null) {
            return; // that test was not selected in this run
        }
        assertThrows(ConnectException.class,
                () -> new Socket(closedAfterTest.getAddress(), closedAfterTest.getPort()).close(),
                "the bench of a finished test still accepts connections at " + closedAfterTest);
    }

    @Test
    void aMissingBenchFileSaysWhereItWasLookedFor() {
        ExtensionConfigurationException refused = assertThrows(ExtensionConfigurationException.class,
                () -> SimulatedBenchExtension.benchFile("benches/no-such-bench.json"));
        String message = refused.getMessage();
        assertTrue(message.contains("mock-instruments") && message.contains("no-such-bench.json"), message);
    }
}
