package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names inside a pool directory: {@code segments/00000001.seg …}, {@code cursor}, {@code pool.lock}. */
final class PoolLayout {
    static final String SEGMENTS = "segments";
    static final String LOCK = "pool.lock";
    private static final Pattern SEGMENT_NAME = Pattern.compile("(\\d{8})\\.seg");

    private final Path dir;

    PoolLayout(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path segmentsDir() {
        return dir.resolve(SEGMENTS);
    }

    Path segment(int index) {
        return segmentsDir().resolve(String.format("%08d.seg", index));
    }

    /** Label used in messages: the segment's path relative to the pool directory. */
    String label(Path segment) {
        return SEGMENTS + "/" + segment.getFileName();
    }

    /** Segment files by index, ascending; empty if there is no segments folder yet. */
    Map<Integer, Path> listSegments() throws IOException {
        Map<Integer, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(segmentsDir())) {
            for (Path p : list) {
                Matcher m = SEGMENT_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.put(Integer.parseInt(m.group(1)), p);
                }
            }
        } catch (NoSuchFileException e) {
            return found;
        }
        return found;
    }
}
