package org.spinnoise.faults;

import java.nio.file.Path;

/**
 * One cell of the fault matrix: a fault struck during a stage, the outcome promised, in words for FAULT-MATRIX.md
 * (for an N/A cell: why the pair cannot occur), and the scenario that strikes the fault and checks the promise
 * (none for N/A).
 */
record Cell(Fault fault, Stage stage, Expected expected, String promise, Scenario scenario) {
    /** Strikes the fault during the stage and asserts the promise; {@code dir} is the cell's own empty folder. */
    @FunctionalInterface
    interface Scenario {
        void run(Path dir) throws Exception;
    }

    Cell {
        if ((expected == Expected.NOT_APPLICABLE) != (scenario == null)) {
            throw new IllegalArgumentException(fault + " x " + stage + ": an N/A cell has no scenario, others one");
        }
    }

    String name() {
        return fault.title + " × " + stage.title;
    }
}
