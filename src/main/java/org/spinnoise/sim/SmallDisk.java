package org.spinnoise.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A full disk, for real: a command runs with a small tmpfs mounted at a directory, so its writes there fail with the
 * kernel's own ENOSPC ("No space left on device") once the tmpfs is full, not with an error a wrapper made up. The
 * tmpfs lives in a user and mount namespace of its own ({@code unshare --user --map-root-user --mount}), which an
 * ordinary user may create on Debian and most Linux systems, so neither root nor sudo is needed and nothing outside
 * the command sees the mount. The directory is seeded from another (a pool to serve, say) before the command starts,
 * the free space left is set by a filler file, and what the command left there is copied out when it ends, since the
 * tmpfs goes with its namespace.
 */
public final class SmallDisk {
    /** $1 size, $2 mount point, $3 seed folder or empty, $4 bytes to leave free, $5 copy-out folder, then the command. */
    private static final String SCRIPT = String.join("\n",
            "set -e",
            "size=\"$1\"; dir=\"$2\"; seed=\"$3\"; free=\"$4\"; out=\"$5\"",
            "shift 5",
            "mount -t tmpfs -o size=\"$size\" spinnoise-small-disk \"$dir\"",
            "if [ -n \"$seed\" ]; then cp -a \"$seed\"/. \"$dir\"/; fi",
            "avail=$(df -B1 --output=avail \"$dir\" | tail -n 1 | tr -d ' ')",
            "fill=$((avail - free))",
            "if [ \"$fill\" -gt 0 ]; then head -c \"$fill\" /dev/zero > \"$dir/.disk-filler\" || true; fi",
            "set +e",
            "\"$@\"",
            "rc=$?",
            "rm -f \"$dir/.disk-filler\" \"$dir/.disk-filler-late\"",
            "mkdir -p \"$out\"",
            "cp -a \"$dir\"/. \"$out\"/",
            "exit $rc");

    private SmallDisk() {
    }

    /**
     * Empty when this machine lets this user mount a tmpfs in a namespace of its own; otherwise why not (to skip the
     * full-disk faults with that reason rather than fake them).
     */
    public static Optional<String> unavailableReason() {
        try {
            Process probe = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "d=$(mktemp -d) && mount -t tmpfs -o size=64k probe \"$d\"; rc=$?; rmdir \"$d\" 2>/dev/null; "
                            + "exit $rc").redirectErrorStream(true).start();
            String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Optional.of("unshare did not finish in 10 s");
            }
            return probe.exitValue() == 0 ? Optional.empty()
                    : Optional.of("cannot mount a tmpfs in a user namespace (unshare -rm): " + said);
        } catch (IOException e) {
            return Optional.of("cannot run unshare (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Fills the small disk of a command already running under {@link #wrap} until at most {@code freeBytes} are left,
     * reaching its tmpfs through {@code /proc/<pid>/root} of the wrapper (its shell, whose pid is the one the
     * {@link Process} of the wrapped line reports): the disk fills up under the command mid-stage.
     */
    public static void fill(long wrapperPid, Path mountPoint, long freeBytes) throws IOException {
        Path inside = Path.of("/proc", Long.toString(wrapperPid), "root")
                .resolve(mountPoint.toAbsolutePath().toString().substring(1));
        long usable = java.nio.file.Files.getFileStore(inside).getUsableSpace();
        long fill = usable - freeBytes;
        if (fill <= 0) {
            return;
        }
        byte[] zeros = new byte[64 << 10];
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(inside.resolve(".disk-filler-late"))) {
            for (long written = 0; written < fill; written += zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, fill - written));
            }
        } catch (IOException e) {
            // The disk filled before the filler's last byte (a tmpfs counts in pages): that is the point.
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    /**
     * The command line that runs {@code command} with a tmpfs of {@code sizeBytes} at {@code mountPoint} (an existing,
     * empty directory), holding a copy of {@code seed} (null: nothing) and then filled until {@code freeBytes} are
     * left; when the command ends, what the tmpfs holds is copied to {@code copyOut} and the command's exit code is
     * the line's. Start it with a {@link ProcessBuilder}.
     */
    public static List<String> wrap(Path mountPoint, long sizeBytes, Path seed, long freeBytes, Path copyOut,
                                    List<String> command) {
        if (sizeBytes < 4096 || freeBytes < 0) {
            throw new IllegalArgumentException("a small disk needs at least 4096 bytes and free bytes >= 0, got "
                    + sizeBytes + " and " + freeBytes);
        }
        List<String> line = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                SCRIPT, "small-disk", Long.toString(sizeBytes), mountPoint.toAbsolutePath().toString(),
                seed == null ? "" : seed.toAbsolutePath().toString(), Long.toString(freeBytes),
                copyOut.toAbsolutePath().toString()));
        line.addAll(command);
        return line;
    }
}
