package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
