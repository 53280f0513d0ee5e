package org.spinnoise.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.testing.ChildJvm;

/**
 * {@code spinnoise} started in a fresh JVM on this test's class path, as a user starts it, so tests can send it real
 * signals. It is started through {@code env --default-signal=INT,TERM}: a JVM leaves SIGINT ignored when it inherits
 * it ignored (as background jobs of a non-interactive shell do), and then Ctrl-C could not be tested at all.
 */
final class ChildCli {

    private ChildCli() {
    }

    static ChildJvm start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        // progress lines as soon as a tenth of a task is done, so tests can wait for them
        command.addAll(Main.freshJvmCommand(List.of("-Xmx512m", "-D" + ProgressMode.LINES_INTERVAL_PROPERTY + "=1"),
                List.of(args)));
        return ChildJvm.start(command);
    }
}
