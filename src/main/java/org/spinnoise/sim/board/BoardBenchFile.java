package org.spinnoise.sim.board;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.spinnoise.json.JsonProblem;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.SimulationException;

/**
 * An emulated pulser board as a bench file describes it ({@code mock-instruments/benches/demo-board.json}): the
 * board ({@link BoardSpec}), the damage it does to its stream ({@link CorruptionSpec}, optional), the junctions it
 * pulses (the same physics fields as the SCPI bench's junctions) and a default seed. {@link #demo()} reads the copy
 * shipped on the class path. Reading errors name the file and the JSON path at fault.
 */
public record BoardBenchFile(String source, String name, long seed, BoardSpec board, CorruptionSpec corruption,
                             List<JunctionSpec> junctions) {

    private static final String DEMO_RESOURCE = "/org/spinnoise/sim/benches/demo-board.json";
    private static final String DEMO_ARRAY_RESOURCE = "/org/spinnoise/sim/benches/demo-board-array.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private record Json(
            @JsonProperty(value = "name", required = true) String name,
            @JsonProperty(value = "seed", required = true) long seed,
            @JsonProperty(value = "board", required = true) BoardSpec board,
            @JsonProperty("corruption") CorruptionSpec corruption,
            @JsonProperty(value = "junctions", required = true) List<JunctionSpec> junctions) {
    }

    public BoardBenchFile {
        junctions = List.copyOf(junctions);
        if (junctions.isEmpty() || junctions.size() > 32) {
            throw new SimulationException("Bad board bench file " + source + ": a board has 1..32 junctions, this one "
                    + junctions.size());
        }
    }

    /** The same bench with another board. */
    public BoardBenchFile withBoard(BoardSpec newBoard) {
        return new BoardBenchFile(source, name, seed, newBoard, corruption, junctions);
    }

    /** The same bench with other damage. */
    public BoardBenchFile withCorruption(CorruptionSpec newCorruption) {
        return new BoardBenchFile(source, name, seed, board, newCorruption, junctions);
    }

    /** Reads a board bench file. */
    public static BoardBenchFile read(Path file) {
        return parse(file.toString(), () -> Files.newInputStream(file));
    }

    /** The demo board from the class path copy of {@code mock-instruments/benches/demo-board.json}. */
    public static BoardBenchFile demo() {
        return classpath(DEMO_RESOURCE);
    }

    /**
     * The demo array board from the class path copy of {@code mock-instruments/benches/demo-board-array.json}: four
     * junctions whose V50 spreads over 0.58 .. 0.70 V.
     */
    public static BoardBenchFile demoArray() {
        return classpath(DEMO_ARRAY_RESOURCE);
    }

    private static BoardBenchFile classpath(String resource) {
        return parse("classpath:" + resource, () -> {
            InputStream in = BoardBenchFile.class.getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException(resource);
            }
            return in;
        });
    }

    /** True when the file is a board bench (it has a {@code "board"} object) rather than a SCPI bench. */
    public static boolean describesABoard(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return MAPPER.readTree(in).has("board");
        } catch (IOException e) {
            return false;
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private static BoardBenchFile parse(String source, Opener opener) {
        Json json;
        try (InputStream in = opener.open()) {
            json = MAPPER.readValue(in, Json.class);
        } catch (NoSuchFileException e) {
            throw new SimulationException("board bench file " + source + ": no such file; give the path of a board "
                    + "bench (examples in mock-instruments/benches/demo-board*.json), or leave out --bench for the "
                    + "built-in demo board", e);
        } catch (IOException e) {
            throw new SimulationException("board bench file " + source + ": " + JsonProblem.of(e)
                    + "; correct the file (mock-instruments/README.md describes it)", e);
        }
        return new BoardBenchFile(source, json.name(), json.seed(), json.board(),
                json.corruption() == null ? CorruptionSpec.NONE : json.corruption(), json.junctions());
    }
}
