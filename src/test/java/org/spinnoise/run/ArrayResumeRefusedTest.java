package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.JunctionArray;
import org.spinnoise.run.manifest.RunStatus;

/** --resume continues single-junction runs only: an interrupted array run is refused in one line, nothing opened. */
class ArrayResumeRefusedTest {
    @TempDir
    Path runs;

    @Test
    void anInterruptedArrayRunIsNotResumed() throws Exception {
        RunFolder folder = RunFolder.create(runs, "array");
        AcquisitionPlan plan = SmallPlans.demoWith(1000);
        folder.update(m -> m.withPlan(plan)
                .withRun(RunStatus.running("bench-array", "2026-12-07T05:00:00Z").withOutcome("interrupted", null, "SIGINT"))
                .withArray(new JunctionArray(ArrayAcquisition.JUNCTIONS_FILE, ArrayAcquisition.BLOCKS_FILE, null,
                        List.of(JunctionArray.Junction.of(0, "TCPIP::127.0.0.1::1::SOCKET",
                                "TCPIP::127.0.0.1::2::SOCKET", null, null)))));
        folder.saveManifest();
        try (WireLog wire = new WireLog()) {
            IOException e = assertThrows(IOException.class, () -> ResumedAcquisition.open(folder.dir(), wire,
                    new RunListener() { }, RunStopper.never()));
            assertTrue(e.getMessage().contains("is a junction-array run, which --resume cannot continue"),
                    e.getMessage());
        }
    }
}
