package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spinnoise.json.JsonProblem;

/**
 * A simulated bench as described by a bench file: the junctions with their physics, the instruments by role with
 * their wiring, a default seed, and the instrument models those roles name, already resolved. {@link #read(Path)}
 * reads a bench file and finds models in {@code ../models/<model>.json} next to it; {@link #demo()} reads the demo
 * bench shipped on the classpath, so {@code java -jar} works from any directory. Every reading error names the file
 * and the JSON path at fault.
 */
public record BenchFile(String source, String name, long seed, List<JunctionSpec> junctions,
                        Map<String, InstrumentSpec> instruments, Map<String, InstrumentModel> models,
                        BenchTiming timing, List<TriggerLineSpec> triggerLines) {

    /** Classpath folder holding copies of {@code mock-instruments/benches} and {@code mock-instruments/models}. */
    static final String CLASSPATH_ROOT = "/org/spinnoise/sim/";

    /** Required fields are marked on the records; absent optional numbers read as 0, which is their default. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The JSON shape of a bench file, before its models are resolved. */
    private record BenchJson(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty(value = "seed", required = true) long seed,
            @JsonProperty(value = "junctions", required = true) List<JunctionSpec> junctions,
            @JsonProperty(value = "instruments", required = true) LinkedHashMap<String, InstrumentSpec> instruments,
            @JsonProperty("timing") BenchTiming timing,
            @JsonProperty("triggerLines") List<TriggerLineSpec> triggerLines) {
    }

    public BenchFile {
        junctions = List.copyOf(junctions);
        instruments = Collections.unmodifiableMap(new LinkedHashMap<>(instruments));
        models = Map.copyOf(models);
        timing = timing == null ? BenchTiming.instant() : timing;
        triggerLines = triggerLines == null ? List.of() : List.copyOf(triggerLines);
    }

    /** Reads a bench file and the model files it names from {@code ../models/} relative to the bench file. */
    public static BenchFile read(Path benchPath) {
        Path modelsDir = benchPath.toAbsolutePath().getParent().resolve("../models").normalize();
        BenchJson json = parse(benchPath.toString(), () -> Files.newInputStream(benchPath), BenchJson.class);
        return validated(benchPath.toString(), json, models(json, name -> {
            Path path = modelsDir.resolve(name);
            return new Source(path.toString(), () -> Files.newInputStream(path));
        }));
    }

    /** The demo bench and its models from the classpath copies of {@code mock-instruments/}. */
    public static BenchFile demo() {
        return fromClasspath("demo");
    }

    /** A bench shipped on the classpath under {@code benches/<benchName>.json}. */
    static BenchFile fromClasspath(String benchName) {
        String benchResource = CLASSPATH_ROOT + "benches/" + benchName + ".json";
        BenchJson json = parse("classpath:" + benchResource, () -> open(benchResource), BenchJson.class);
        return validated("classpath:" + benchResource, json, models(json, name -> {
            String resource = CLASSPATH_ROOT + "models/" + name;
            return new Source("classpath:" + resource, () -> open(resource));
        }));
    }

    /** A file to read and the name it has in messages. */
    private record Source(String name, StreamOpener opener) {
    }

    /** Each model the bench names, its model file over its family's command table. */
    private static Map<String, InstrumentModel> models(BenchJson json, java.util.function.Function<String, Source> files) {
        Map<String, InstrumentModel> models = new LinkedHashMap<>();
        for (InstrumentSpec instrument : json.instruments().values()) {
            models.computeIfAbsent(instrument.model(), name -> {
                Source modelSource = files.apply(name + ".json");
                ModelFile file = parse(modelSource.name(), modelSource.opener(), ModelFile.class);
                Source familySource = files.apply(file.family() + ".commands.json");
                CommandFamily family = parse(familySource.name(), familySource.opener(), CommandFamily.class);
                try {
                    return new InstrumentModel(name, family, file);
                } catch (IllegalArgumentException e) {
                    throw new SimulationException("Bad instrument model " + modelSource.name() + ": " + e.getMessage(), e);
                }
            });
        }
        return models;
    }

    private interface StreamOpener {
        InputStream open() throws IOException;
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = BenchFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new NoSuchFileException(resource);
        }
        return in;
    }

    private static <T> T parse(String source, StreamOpener opener, Class<T> type) {
        try (InputStream in = opener.open()) {
            return MAPPER.readValue(in, type);
        } catch (NoSuchFileException e) {
            throw new SimulationException(kindOf(type) + " " + source + ": no such file; " + (type == BenchJson.class
                    ? "give the path of a bench file (examples in mock-instruments/benches/), or leave out --bench "
                    + "for the built-in demo bench"
                    : "the bench names a model or command table that is not in the models folder beside it; "
                    + "correct the instrument's \"model\" or add the file (see mock-instruments/README.md)"), e);
        } catch (IOException e) {
            throw new SimulationException(kindOf(type) + " " + source + ": " + JsonProblem.of(e)
                    + "; correct the file (mock-instruments/README.md describes it)", e);
        }
    }

    private static String kindOf(Class<?> type) {
        if (type == ModelFile.class) {
            return "instrument model file";
        }
        return type == CommandFamily.class ? "command table" : "bench file";
    }

    private static BenchFile validated(String source, BenchJson json, Map<String, InstrumentModel> models) {
        if (json.junctions().isEmpty()) {
            throw new SimulationException("Bad bench file " + source + ": \"junctions\" is empty");
        }
        json.instruments().forEach((role, instrument) -> {
            InstrumentModel model = models.get(instrument.model());
            instrument.wiring().forEach((channel, junction) -> {
                if (channel < 1 || channel > model.channels()) {
                    throw new SimulationException("Bad bench file " + source + ": instrument '" + role + "' wires channel "
                            + channel + " but model " + instrument.model() + " has channels 1.." + model.channels());
                }
                if (junction < 0 || junction >= json.junctions().size()) {
                    throw new SimulationException("Bad bench file " + source + ": instrument '" + role + "' channel " + channel
                            + " is wired to junction " + junction + " but the bench has junctions 0.." + (json.junctions().size() - 1));
                }
            });
        });
        for (TriggerLineSpec line : json.triggerLines() == null ? List.<TriggerLineSpec>of() : json.triggerLines()) {
            for (String end : java.util.stream.Stream.concat(java.util.stream.Stream.of(line.from()), line.to().stream()).toList()) {
                if (!json.instruments().containsKey(TriggerLineSpec.role(end))) {
                    throw new SimulationException("Bad bench file " + source + ": trigger line end '" + end
                            + "' names no instrument (roles " + json.instruments().keySet() + ")");
                }
            }
        }
        return new BenchFile(source, json.name(), json.seed(), json.junctions(), json.instruments(), models, json.timing(),
                json.triggerLines());
    }
}
