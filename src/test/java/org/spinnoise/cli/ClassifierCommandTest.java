package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.quality.ClassifierArchitecture;
import org.spinnoise.diffusion.quality.TrainedClassifier;
import org.spinnoise.testing.FashionMnistData;

/**
 * {@code spinnoise classifier train|test}: tiny training of either architecture on a stand-in data set, and the
 * built-in weights' accuracy.
 */
class ClassifierCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainWritesWeightsThatRecordTheirCommandAndAccuracy() throws IOException {
        Path data = StandInFashionMnist.write(dir, 200, 50);
        for (String arch : new String[] {"mlp", "cnn"}) {
            Path weights = dir.resolve("out/" + arch + ".ckpt");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), "classifier", "train", "--arch", arch,
                    "--data", data.toString(), "--steps", "4", "--batch", "16", "--seed", "3", "--out",
                    weights.toString());
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().contains("step 4/4"), out.toString());
            assertTrue(out.toString().contains("weights written to " + weights), out.toString());
            TrainedClassifier trained = ClassifierArchitecture.read(weights);
            assertEquals(arch, trained.architecture());
            assertTrue(trained.provenance().contains("--arch " + arch + " --steps 4 --batch 16")
                    && trained.provenance().contains("seed 3"), trained.provenance());

            StringWriter tested = new StringWriter();
            assertEquals(0, Main.run(new PrintWriter(tested), new PrintWriter(err), "classifier", "test", "--data",
                    data.toString(), "--weights", weights.toString()));
            assertTrue(tested.toString().startsWith(arch + " classifier ") && tested.toString().contains(
                    String.format("test accuracy %.4f on 50 images", trained.testAccuracy())), tested.toString());
        }
    }

    @Test
    void anUnknownArchitectureIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "classifier", "test", "--arch",
                "resnet");
        assertEquals(2, code);
        assertTrue(err.toString().contains("--arch: 'resnet' is not a classifier architecture; use one of cnn, mlp"),
                err.toString());
        assertTrue(err.toString().contains("Try 'spinnoise classifier test --help'"), err.toString());
    }

    @Test
    void theBuiltInPerceptronReportsItsTestAccuracy() {
        FashionMnistData.assumeInstalled();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), "classifier", "test", "--arch", "mlp"),
                err.toString());
        assertTrue(out.toString().matches("(?s)mlp classifier 'spinnoise classifier train --arch mlp [^']*' seed \\d+, "
                + "\\d+ steps: test accuracy 0\\.8\\d{3} on 10,000 images \\(recorded when trained: 0\\.8\\d{3}\\)\\s*"),
                out.toString());
    }

    @Test
    void missingDataEndsWithOneLineSayingHowToInstallIt() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "classifier", "test", "--data",
                dir.resolve("nowhere").toString());
        assertEquals(1, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
    }
}
