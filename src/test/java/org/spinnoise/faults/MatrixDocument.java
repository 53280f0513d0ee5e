package org.spinnoise.faults;

import java.util.List;

/** Renders the fault matrix as FAULT-MATRIX.md: the grid of outcomes, then every row's promise. */
final class MatrixDocument {
    static final String PATH = "src/test/java/org/spinnoise/faults/FAULT-MATRIX.md";

    private MatrixDocument() {
    }

    static String render(List<Cell> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault matrix\n\n")
                .append("Generated from `FaultMatrix.ROWS` by `FaultMatrixTest` (run it with ")
                .append("`-Dspinnoise.faultMatrix.write=true` to rewrite this file; the test fails while they differ).\n")
                .append("Each cell strikes one fault during one stage on the simulated bench, board or pool and ")
                .append("checks its promise: **recovered** (the stage completes) or **stopped** (one clear line naming ")
                .append("the instrument, port, folder or pool), and in every case that no bit is lost unaccounted, ")
                .append("credited wrongly or served twice, and that every output is off. **N/A**: the pair cannot ")
                .append("occur, and the row says why.\n\n");
        md.append("| fault \\ stage |");
        for (Stage stage : Stage.values()) {
            md.append(' ').append(stage.title).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(Stage.values().length)).append('\n');
        for (Fault fault : Fault.values()) {
            md.append("| ").append(fault.title).append(" |");
            for (Stage stage : Stage.values()) {
                md.append(' ').append(cell(rows, fault, stage).expected().title).append(" |");
            }
            md.append('\n');
        }
        md.append("\n## Faults\n\n");
        for (Fault fault : Fault.values()) {
            md.append("- **").append(fault.title).append("**: ").append(fault.what).append('\n');
        }
        md.append("\n## Stages\n\n");
        for (Stage stage : Stage.values()) {
            md.append("- **").append(stage.title).append("**: ").append(stage.what).append('\n');
        }
        md.append("\n## Cells\n\n| fault | stage | expected | promise checked (or why N/A) |\n|---|---|---|---|\n");
        for (Cell c : rows) {
            md.append("| ").append(c.fault().title).append(" | ").append(c.stage().title).append(" | ")
                    .append(c.expected().title).append(" | ").append(c.promise().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    static Cell cell(List<Cell> rows, Fault fault, Stage stage) {
        return rows.stream().filter(c -> c.fault() == fault && c.stage() == stage).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + fault + " x " + stage));
    }
}
