package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one path every acquisition is launched on: folder, announcement, stopper held, wire transcript. */
class AcquisitionLauncherTest {
    @TempDir
    Path runs;

    @Test
    void theFolderIsAnnouncedAndTheStopperHeldWhileTheAcquisitionRuns() throws Exception {
        RunStopper stopper = new RunStopper();
        List<Path> announced = new ArrayList<>();
        AcquisitionLauncher.Launch launch = new AcquisitionLauncher.Launch(runs, "launch", new RunListener() {
        }, stopper, announced::add);
        Path folder = AcquisitionLauncher.launch(launch, (run, wire) -> {
            assertEquals(List.of(run.dir()), announced);
            assertTrue(Files.isDirectory(run.dir()));
            assertTrue(run.dir().getFileName().toString().endsWith("-launch"), run.dir().toString());
            assertFalse(idle(stopper), "the stopper is held while the run starts");
            return run.dir();
        });
        assertTrue(idle(stopper), "released after the run");
        assertTrue(Files.exists(folder.resolve(CalibratedAcquisition.TRANSCRIPT)));
    }

    @Test
    void aFailingAcquisitionReleasesTheStopperAndPropagates() {
        RunStopper stopper = new RunStopper();
        IOException failure = new IOException("no bench");
        AcquisitionLauncher.Launch launch = new AcquisitionLauncher.Launch(runs, "fails", new RunListener() {
        }, stopper, dir -> { });
        IOException thrown = assertThrows(IOException.class, () -> AcquisitionLauncher.launch(launch, (run, wire) -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        assertTrue(idle(stopper), "released after the failure");
    }

    private static boolean idle(RunStopper stopper) {
        try {
            return stopper.awaitIdle(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
