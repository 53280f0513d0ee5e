package org.spinnoise.cli;

import java.util.List;
import java.util.Optional;

/**
 * Option names the command line no longer has, per command, each with the one line a user who still types it gets:
 * the new name ("option --grid-images was renamed --images") or why it went. Old names are not aliases: a name that
 * now means one thing everywhere must not keep a second spelling, and an old name must never be taken for something
 * else. The README's "Renamed options" table lists the same entries.
 */
final class RenamedOptions {
    /** One retired name: the command path it belonged to ("bench board"), the name, and what to say. */
    record Retired(String command, String oldName, String message) {
    }

    static final List<Retired> ALL = List.of(
            renamed("demo", "--grid-images", "--images"),
            renamed("demo", "--grid-steps", "--steps"),
            renamed("demo", "--grid-eta", "--eta"),
            renamed("train", "--grid", "--images"),
            renamed("sample", "--count", "--images"),
            renamed("sample", "--sampling-steps", "--steps"),
            renamed("evaluate", "--sampling-steps", "--steps"),
            renamed("board", "--board-bench", "--bench"),
            renamed("board", "--payload", "--payload-bytes"),
            renamed("board", "--from-run", "--run"),
            renamed("board", "--width", "--write-width"),
            renamed("bench board", "--payload", "--payload-bytes"),
            removed("pool status", "--no-pool", "pool status never ingests: leave it out"),
            removed("pool take", "--no-pool", "pool take never ingests: leave it out"),
            removed("pool ingest", "--no-pool", "ingesting is what pool ingest does (a run stays out of the "
                    + "pool until it is ingested)"));

    private RenamedOptions() {
    }

    private static Retired renamed(String command, String oldName, String newName) {
        return new Retired(command, oldName, "option " + oldName + " was renamed " + newName);
    }

    private static Retired removed(String command, String oldName, String why) {
        return new Retired(command, oldName, "option " + oldName + " was removed: " + why);
    }

    /**
     * What to tell a user who gave {@code args} to the command at {@code commandPath} ("pool ingest"), when one of
     * them is a retired name of that command ({@code --name} or {@code --name=value}).
     */
    static Optional<String> messageFor(String commandPath, String[] args) {
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            for (Retired retired : ALL) {
                if (retired.command().equals(commandPath) && retired.oldName().equals(name)) {
                    return Optional.of(retired.message());
                }
            }
        }
        return Optional.empty();
    }
}
