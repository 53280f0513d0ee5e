package org.spinnoise.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.sim.board.BoardBenchFile;

/**
 * Bench files whose junctions drift: the same bench with every junction's {@code v50DriftVoltsPerHour} replaced, for
 * tests and benchmarks of drift tracking. The junction is copied through its JSON form, so every other field (including
 * any added later) is kept as the bench file gave it.
 */
public final class DriftingJunctions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriftingJunctions() {
    }

    /** {@code spec} with V50 drifting by {@code voltsPerHour}. */
    public static JunctionSpec withDrift(JunctionSpec spec, double voltsPerHour) {
        ObjectNode tree = JSON.valueToTree(spec);
        tree.put("v50DriftVoltsPerHour", voltsPerHour);
        try {
            return JSON.treeToValue(tree, JunctionSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a junction spec did not survive its own JSON form: " + e.getMessage(), e);
        }
    }

    /** The bench with every junction drifting by {@code voltsPerHour}. */
    public static BenchFile withDrift(BenchFile bench, double voltsPerHour) {
        return new BenchFile(bench.source(), bench.name(), bench.seed(), drifting(bench.junctions(), voltsPerHour),
                bench.instruments(), bench.models(), bench.timing(), bench.triggerLines());
    }

    /** The board bench with every junction drifting by {@code voltsPerHour}. */
    public static BoardBenchFile withDrift(BoardBenchFile bench, double voltsPerHour) {
        return new BoardBenchFile(bench.source(), bench.name(), bench.seed(), bench.board(), bench.corruption(),
                drifting(bench.junctions(), voltsPerHour));
    }

    private static List<JunctionSpec> drifting(List<JunctionSpec> junctions, double voltsPerHour) {
        List<JunctionSpec> out = new ArrayList<>();
        for (JunctionSpec j : junctions) {
            out.add(withDrift(j, voltsPerHour));
        }
        return out;
    }
}
