package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Recognises a full disk in a run's failure (the kernel's ENOSPC or EDQUOT, which Java reports with no file name when
 * a stream write fails) and turns it into one line naming the run folder and the way out, instead of a bare
 * "No space left on device".
 */
final class NoSpaceLeft {
    private NoSpaceLeft() {
    }

    static boolean isNoSpace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device")
                    || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code failure} itself unless it is a full disk not yet named; then the line that names the folder. */
    static IOException naming(Path runFolder, IOException failure) {
        if (!isNoSpace(failure) || String.valueOf(failure.getMessage()).contains(runFolder.toString())) {
            return failure;
        }
        return new IOException(runFolder + ": " + failure.getMessage() + " while writing the run folder; free space "
                + "on that disk and run again (what was written before stays; the manifest may still say "
                + "'running', so these bits are not ingested)", failure);
    }
}
