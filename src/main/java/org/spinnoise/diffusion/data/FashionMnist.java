package org.spinnoise.diffusion.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.spinnoise.diffusion.ImageShape;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test images of garments, 28×28 grey
 * levels, ten classes, read from the four gzip'd IDX files that Debian's {@code dataset-fashion-mnist} installs in
 * {@link #DEFAULT_DIR} (or any folder holding the same file names).
 */
public final class FashionMnist {
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    /** Class names by label, as the data set defines them. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two halves of the data set and their file names. */
    public enum Split {
        TRAIN("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        TEST("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

        final String imagesFile;
        final String labelsFile;

        Split(String imagesFile, String labelsFile) {
            this.imagesFile = imagesFile;
            this.labelsFile = labelsFile;
        }
    }

    private FashionMnist() {
    }

    /** Reads one split from {@code dir}; a missing file gives one line saying how to install the data set. */
    public static LabelledImages load(Path dir, Split split) throws IOException {
        Path images = dir.resolve(split.imagesFile);
        Path labels = dir.resolve(split.labelsFile);
        for (Path p : new Path[] {images, labels}) {
            if (!Files.isRegularFile(p)) {
                throw new DatasetException("Fashion-MNIST file " + p + " is missing: install dataset-fashion-mnist "
                        + "(apt-get install dataset-fashion-mnist) or pass --data DIR with the four IDX files");
            }
        }
        IdxFile imageIdx = IdxFile.read(images);
        IdxFile labelIdx = IdxFile.read(labels);
        int[] d = imageIdx.dims();
        if (d.length != 3 || d[1] != SHAPE.height() || d[2] != SHAPE.width()) {
            throw new DatasetException(images + " should hold N×28×28 images, its header says " + imageIdx);
        }
        if (labelIdx.dims().length != 1 || labelIdx.dims()[0] != d[0]) {
            throw new DatasetException(labels + " should hold one label for each of the " + d[0] + " images in " + images
                    + ", its header says " + labelIdx);
        }
        byte[] labelBytes = labelIdx.data();
        for (int i = 0; i < labelBytes.length; i++) {
            if ((labelBytes[i] & 0xff) >= CLASSES.size()) {
                throw new DatasetException(labels + ": label " + (labelBytes[i] & 0xff) + " of image " + i + " is not a class 0-9");
            }
        }
        return new LabelledImages(SHAPE, d[0], imageIdx.data(), labelBytes);
    }
}
