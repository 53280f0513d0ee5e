package org.spinnoise.faults;

import java.util.List;

/** Renders the fault matrix as FAULT-MATRIX.md: the grid of outcomes, then every row's promise. */
final class MatrixDocument {
    static final String PATH = "src/test/java/org/spinnoise/faults/FAULT-MATRIX.md";

    /** Where the document is: under the project directory Maven names, or the working directory. */
    static java.nio.file.Path file() {
        return java.nio.file.Path.of(System.getProperty("spinnoise.projectDir", ".")).resolve(PATH);
    }

    private MatrixDocument() {
    }

    static String render(List<Cell> rows) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault matrix\n\n")
                .append("Generated from `FaultMatrix.ROWS` by `FaultMatrixTest`, which fails while this file differs ")
                .append("from the table (rewrite it with `mvn test -Dtest=FaultMatrixTest ")
                .append("-Dspinnoise.faultMatrix.write=true`; run some cells only with ")
                .append("`-Dspinnoise.faultMatrix.only=SIGKILL`, a fault or stage name or part of a cell's title).\n\n")
                .append("Each cell strikes one fault during one stage on the simulated bench, board or pool and ")
                .append("checks its promise: **recovered** (the stage completes) or **stopped** (one clear line naming ")
                .append("the instrument, port, folder or pool), and in every case that no bit is lost unaccounted, ")
                .append("credited wrongly or served twice, and that every output is off. **N/A**: the pair cannot ")
                .append("occur, and the row says why.\n\n")
                .append("The full-disk cells need a tmpfs the test may mount without root: `unshare --user ")
                .append("--map-root-user --mount` (util-linux), which Debian allows ordinary users by default. Where ")
                .append("it is refused (a container without user namespaces, or a kernel with ")
                .append("`kernel.unprivileged_userns_clone=0` or AppArmor's userns restriction) those cells are ")
                .append("skipped with the reason, never faked. The serial cells need socat.\n\n");
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
        md.append("\n## Where the faults come from (for the soak and new cells)\n\n")
                .append("- `SimulatedBench.faults()` (`org.spinnoise.sim.FaultInjector`), by instrument role: ")
                .append("`dropConnections`, `silence` / `clear`, `garbleNextReplies(n)`, `delayReplies`, ")
                .append("`reboot(downtime)` / `rebootAs(downtime, serial)`, `ignoreEveryNthTrigger(n)`, ")
                .append("`raiseSpuriousError(code)`, `vanishSerialLine` (serial instruments only).\n")
                .append("- `org.spinnoise.sim.board.BoardEmulator`: `vanish()`; frame damage by a `CorruptionSpec` ")
                .append("(`garbage`, `truncate`, `flipBit`, `drop`, `duplicate` chances) given at start; ")
                .append("`record()` is the board's truth.\n")
                .append("- `org.spinnoise.sim.HostFaults`: `damagePoolSegment(pool, segment, fraction)`, ")
                .append("`flipByte(file, position)`, `sigkill(process)`.\n")
                .append("- `org.spinnoise.sim.SmallDisk`: `wrap(mount, size, seed, free, copyOut, command)` runs a ")
                .append("command on a tmpfs of its own, `fill(pid, mount, free)` fills it while the command runs, ")
                .append("`unavailableReason()` says why a machine cannot.\n");
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
