package org.spinnoise.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which code produced a run: the project version and the git commit the jar was built from (with "-dirty" when the
 * tree had uncommitted changes), read from what the build put on the class path.
 */
public final class CodeVersion {
    private CodeVersion() {
    }

    /** For example "0.1.0-SNAPSHOT (git 1a2b3c4)"; "unknown" parts when built outside git. */
    public static String describe() {
        Properties git = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("/org/spinnoise/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException ignored) {
            // a missing or unreadable git.properties means the commit is simply unknown
        }
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        String commit = git.getProperty("git.commit.id.abbrev", "unknown");
        boolean dirty = Boolean.parseBoolean(git.getProperty("git.dirty", "false"));
        return (version == null ? "dev" : version) + " (git " + commit + (dirty ? "-dirty" : "") + ")";
    }
}
