package org.spinnoise.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.spinnoise.diffusion.data.FashionMnist;

/**
 * The tests' one check that Debian's Fashion-MNIST (package dataset-fashion-mnist) is installed: tests that need the
 * real images skip, with the package to install, when it is not.
 */
public final class FashionMnistData {
    private FashionMnistData() {
    }

    /** Skips the calling test unless the data set's test images are installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isRegularFile(FashionMnist.DEFAULT_DIR.resolve("t10k-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed (.ci/install-deps installs it)");
    }
}
