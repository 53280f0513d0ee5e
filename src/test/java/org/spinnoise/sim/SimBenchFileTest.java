package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading bench files, and the messages a bad one produces. */
class SimBenchFileTest {
    static final Path PROJECT = Path.of(System.getProperty("spinnoise.projectDir", System.getProperty("user.dir")));
    private static final String JUNCTION = "{\"v50Volts\": 0.62, \"deltaVolts\": 0.015, \"referenceWidthSeconds\": 1e-8,"
            + " \"resetV50Volts\": 0.6, \"resistanceParallelOhms\": 2000, \"resistanceAntiparallelOhms\": 4200,"
            + " \"readNoiseRelative\": 0.01}";

    @TempDir
    Path temp;

    @Test
    void demoBenchFileMatchesTheClasspathDemo() {
        BenchFile fromFile = BenchFile.read(PROJECT.resolve("mock-instruments/benches/demo.json"));
        BenchFile fromClasspath = BenchFile.demo();
        assertEquals(fromClasspath.junctions(), fromFile.junctions());
        assertEquals(fromClasspath.instruments(), fromFile.instruments());
        assertEquals(fromClasspath.models().keySet(), fromFile.models().keySet());
        fromFile.models().forEach((name, model) -> {
            assertEquals(fromClasspath.models().get(name).file(), model.file(), name);
            assertEquals(fromClasspath.models().get(name).commands(), model.commands(), name);
        });
        assertEquals(0.62, fromFile.junctions().get(0).v50Volts());
        assertEquals(java.util.List.of("pulse", "smu"), java.util.List.copyOf(fromFile.instruments().keySet()));
        assertEquals("tcp", fromFile.instruments().get("smu").transport());
    }

    private Path bench(String json) throws IOException {
        Files.createDirectories(temp.resolve("benches"));
        Files.createDirectories(temp.resolve("models"));
        for (String file : new String[] {"keithley-2450.json", "keithley-24xx.commands.json"}) {
            Files.copy(PROJECT.resolve("mock-instruments/models/" + file), temp.resolve("models/" + file));
        }
        Path file = temp.resolve("benches/bench.json");
        Files.writeString(file, json);
        return file;
    }

    private static String benchJson(String junction, String model, int junctionIndex) {
        return "{\"name\": \"t\", \"seed\": 1, \"junctions\": [" + junction + "], \"instruments\": {\"smu\":"
                + " {\"model\": \"" + model + "\", \"wiring\": {\"1\": " + junctionIndex + "}}}}";
    }

    @Test
    void validFileReadsWithDefaults() throws IOException {
        BenchFile bench = BenchFile.read(bench(benchJson(JUNCTION, "keithley-2450", 0)));
        assertEquals(0.0, bench.junctions().get(0).v50ShiftVoltsPerDecade());
        assertEquals("tcp", bench.instruments().get("smu").transport());
    }

    @Test
    void badJsonNamesTheFileAndLine() throws IOException {
        Path file = bench("{\"name\": \"t\",\n \"seed\": }");
        SimulationException e = assertThrows(SimulationException.class, () -> BenchFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path file = bench(benchJson(JUNCTION.replace("\"v50Volts\": 0.62, ", ""), "keithley-2450", 0));
        SimulationException e = assertThrows(SimulationException.class, () -> BenchFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("v50Volts")
                && e.getMessage().contains("field junctions[0].v50Volts: missing"), e.getMessage());
    }

    @Test
    void unphysicalValueIsExplained() throws IOException {
        Path file = bench(benchJson(JUNCTION.replace("\"deltaVolts\": 0.015", "\"deltaVolts\": -1"), "keithley-2450", 0));
        SimulationException e = assertThrows(SimulationException.class, () -> BenchFile.read(file));
        assertTrue(e.getMessage().contains("'deltaVolts' must be a positive number"), e.getMessage());
    }

    @Test
    void missingModelFileIsNamed() throws IOException {
        Path file = bench(benchJson(JUNCTION, "keithley-9999", 0));
        SimulationException e = assertThrows(SimulationException.class, () -> BenchFile.read(file));
        assertTrue(e.getMessage().contains("keithley-9999.json") && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void wiringToAMissingJunctionIsRejected() throws IOException {
        Path file = bench(benchJson(JUNCTION, "keithley-2450", 3));
        SimulationException e = assertThrows(SimulationException.class, () -> BenchFile.read(file));
        assertTrue(e.getMessage().contains("junction 3") && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
