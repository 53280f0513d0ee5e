package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sites of a bench file: a single-junction bench is one site, unchanged; the array bench has four. */
class BenchSitesTest {
    @Test
    void theDemoBenchIsOneSiteAndTheArrayBenchFour() {
        assertEquals(List.of(new BenchSites.Site(1, "pulse", "smu", 0)), BenchSites.of(BenchFile.demo()));
        BenchFile array = BenchFile.read(Path.of("mock-instruments/benches/demo-array.json"));
        assertEquals(List.of(new BenchSites.Site(1, "pulse", "smu", 0), new BenchSites.Site(2, "pulse-2", "smu-2", 1),
                new BenchSites.Site(3, "pulse-3", "smu-3", 2), new BenchSites.Site(4, "pulse-4", "smu-4", 3)),
                BenchSites.of(array));
        assertEquals(4, array.junctions().size());
        assertEquals(4, array.triggerLines().size(), "each site has its own trigger cable");
    }

    @Test
    void aSiteWhoseInstrumentsReachDifferentJunctionsIsRefused() {
        BenchFile array = BenchFile.read(Path.of("mock-instruments/benches/demo-array.json"));
        Map<String, InstrumentSpec> instruments = new LinkedHashMap<>(array.instruments());
        instruments.put("smu-2", new InstrumentSpec("keithley-2450", "tcp", Map.of(1, 2)));
        BenchFile crossed = new BenchFile("crossed.json", array.name(), array.seed(), array.junctions(), instruments,
                array.models(), array.timing(), array.triggerLines());
        SimulationException e = assertThrows(SimulationException.class, () -> BenchSites.of(crossed));
        assertTrue(e.getMessage().startsWith("Bad bench file crossed.json: 'pulse-2' and 'smu-2' are wired to "
                + "different junctions"), e.getMessage());
    }
}
