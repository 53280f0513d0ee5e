package org.spinnoise.cli;

import org.spinnoise.run.CodeVersion;
import picocli.CommandLine;

/** Prints the version and git commit the jar was built from. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"spinnoise " + CodeVersion.describe()};
    }
}
