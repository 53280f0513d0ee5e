package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's fault matrix: every fault × stage pair has one row in {@link FaultMatrix#ROWS}, each applicable row runs
 * as its own test (named "fault × stage: expected"), and FAULT-MATRIX.md beside this class shows the same table.
 */
class FaultMatrixTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyApplicableCellKeepsItsPromise() {
        // -Dspinnoise.faultMatrix.only=SIGKILL (a fault or stage name, or a cell's title) runs just those cells.
        String only = System.getProperty("spinnoise.faultMatrix.only", "");
        return FaultMatrix.ROWS.stream().filter(c -> c.expected() != Expected.NOT_APPLICABLE)
                .filter(c -> only.isEmpty() || c.fault().name().equals(only) || c.stage().name().equals(only)
                        || c.name().contains(only))
                .map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.expected().title, () -> {
                    Path dir = Files.createDirectories(tmp.resolve(c.fault().name() + "-" + c.stage().name()));
                    c.scenario().run(dir);
                }));
    }

    @Test
    void everyFaultMeetsEveryStageExactlyOnce() {
        assertEquals(Fault.values().length * Stage.values().length, FaultMatrix.ROWS.size());
        for (Fault fault : Fault.values()) {
            for (Stage stage : Stage.values()) {
                assertEquals(1, FaultMatrix.ROWS.stream().filter(c -> c.fault() == fault && c.stage() == stage)
                        .count(), fault + " x " + stage);
            }
        }
    }

    @Test
    void theDocumentShowsThisTable() throws Exception {
        Path doc = MatrixDocument.file();
        String rendered = MatrixDocument.render(FaultMatrix.ROWS);
        if (Boolean.getBoolean("spinnoise.faultMatrix.write")) {
            Files.writeString(doc, rendered, StandardCharsets.UTF_8);
        }
        assertEquals(rendered, Files.readString(doc, StandardCharsets.UTF_8), MatrixDocument.PATH + " is stale: run "
                + "FaultMatrixTest with -Dspinnoise.faultMatrix.write=true");
    }
}
