package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inputs the simulated-instrument fuzz target ({@link SimScpiParserFuzzTest}) found, kept as named tests. */
class SimFuzzFindingsTest {

    /**
     * Finding 2: INIT on a simulated 2450 whose trigger model is not the paced loop (here: none loaded) threw a
     * SimulationException out of the instrument, which ends the client connection's thread: the client only saw a
     * timeout. The simulator now refuses it as -221 Settings conflict in the error queue and keeps answering.
     */
    @Test
    void initWithoutTheTriggerModelTheSimulatorRunsIsAnErrorNotAnException() {
        ScpiInstrument smu = ModelTables.instrument(ModelTables.load("keithley-2450"));
        smu.handle("INIT");
        String error = smu.handle("SYST:ERR?");
        assertTrue(error.startsWith("-221,"), error);
        assertEquals(ModelTables.load("keithley-2450").idn(), smu.handle("*IDN?"));
    }

    /**
     * Finding 6: a bench file whose unknown field name holds a carriage return (an escaped CR in the JSON) gave an
     * error over two lines (Jackson quotes the name). Control characters are escaped now, so the error stays one
     * line and names the file.
     */
    @Test
    void anUnknownFieldWithAControlCharacterStaysOneLine(@TempDir Path tmp) throws IOException {
        Path demo = Path.of("mock-instruments/benches/demo.json");
        String text = Files.readString(demo);
        int brace = text.indexOf('{') + 1;
        String json = text.substring(0, brace) + "\"shortpulse\\rPeriodSeconds\": 1," + text.substring(brace);
        Path file = tmp.resolve("bench.json");
        Files.writeString(file, json);
        SimulationException e = assertThrows(SimulationException.class, () -> BenchFile.read(file));
        assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("unknown"), e.getMessage());
    }
}
