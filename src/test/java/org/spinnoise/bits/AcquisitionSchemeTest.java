package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.scpi.Identity;

/** Which scheme a bench gets, by what its drivers can do (a unit: the instruments are mocks). */
class AcquisitionSchemeTest {
    private static PulseGenerator generator(boolean external) {
        PulseGenerator g = external
                ? mock(PulseGenerator.class, withSettings().extraInterfaces(ExternallyTriggeredPulses.class))
                : mock(PulseGenerator.class);
        when(g.identity()).thenReturn(Identity.parse("ACME,PG1,1,1"));
        return g;
    }

    private static SourceMeter smu(boolean paced) {
        SourceMeter s = paced ? mock(SourceMeter.class, withSettings().extraInterfaces(PacedReads.class))
                : mock(SourceMeter.class);
        when(s.identity()).thenReturn(Identity.parse("ACME,SM1,1,1"));
        return s;
    }

    @Test
    void autoIsBatchedOnlyWhenBothInstrumentsCan() throws Exception {
        assertEquals(AcquisitionScheme.BATCHED, AcquisitionScheme.AUTO.resolve(
                new Bench(generator(true), smu(true), 1, 2)));
        assertEquals(AcquisitionScheme.PER_BIT, AcquisitionScheme.AUTO.resolve(
                new Bench(generator(false), smu(true), 1, 2)));
        assertEquals(AcquisitionScheme.PER_BIT, AcquisitionScheme.AUTO.resolve(
                new Bench(generator(true), smu(false), 1, 2)));
    }

    @Test
    void batchedOnABenchThatCannotNamesTheInstrument() {
        InstrumentException pulse = assertThrows(InstrumentException.class, () -> AcquisitionScheme.BATCHED.resolve(
                new Bench(generator(false), smu(true), 1, 2)));
        assertTrue(pulse.getMessage().startsWith("pulse (") && pulse.getMessage().contains("PG1"), pulse.getMessage());
        InstrumentException smu = assertThrows(InstrumentException.class, () -> AcquisitionScheme.BATCHED.resolve(
                new Bench(generator(true), smu(false), 1, 2)));
        assertTrue(smu.getMessage().startsWith("smu (") && smu.getMessage().contains("SM1"), smu.getMessage());
    }
}
