package org.spinnoise.sim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The instrument models of {@code mock-instruments/models/} (the files themselves, not the classpath copies), each
 * resolved as the simulated bench serves it, and fresh simulated instruments of them for tests that need no sockets.
 * Models are found by listing the folder, so a new model file is tested without editing any test.
 */
final class ModelTables {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelTables() {
    }

    /** The {@code mock-instruments/models} folder; Surefire passes the project folder, an IDE runs from it. */
    static Path modelsDir() {
        return Path.of(System.getProperty("spinnoise.projectDir", ".")).resolve("mock-instruments/models");
    }

    /** Names of every model file ({@code keysight-33622a}, ...), the family command tables left out. */
    static List<String> modelNames() {
        try (Stream<Path> files = Files.list(modelsDir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".commands.json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + modelsDir(), e);
        }
    }

    /** One model: its file over its family's command table, with the model's overrides applied. */
    static InstrumentModel load(String modelName) {
        ModelFile file = read(modelName + ".json", ModelFile.class);
        return load(modelName, file, family(file.family()));
    }

    static InstrumentModel load(String modelName, ModelFile file, CommandFamily family) {
        return new InstrumentModel(modelName, family, file);
    }

    static ModelFile modelFile(String modelName) {
        return read(modelName + ".json", ModelFile.class);
    }

    static CommandFamily family(String familyName) {
        return read(familyName + ".commands.json", CommandFamily.class);
    }

    private static <T> T read(String fileName, Class<T> type) {
        Path path = modelsDir().resolve(fileName);
        try {
            return MAPPER.readValue(path.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A freshly reset simulated instrument of the model, wired to nothing, with no faults injected. */
    static ScpiInstrument instrument(InstrumentModel model) {
        return switch (model.kind()) {
            case "keysight-trueform" -> new SimulatedTrueform(model, "under-test", Map.of(),
                    new FaultInjector(List.of("under-test"), 1L));
            case "keithley-24xx" -> new SimulatedKeithley2450(model, "under-test", null, BenchTiming.instant(),
                    new FaultInjector(List.of("under-test"), 1L));
            default -> throw new IllegalArgumentException("no simulator for model kind " + model.kind());
        };
    }
}
