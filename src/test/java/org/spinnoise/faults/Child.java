package org.spinnoise.faults;

import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.spinnoise.cli.Main;
import org.spinnoise.sim.HostFaults;
import org.spinnoise.testing.ChildJvm;

/**
 * {@code spinnoise} in a fresh JVM on this test's class path, as a user runs it, so a cell can SIGKILL it or run it on
 * a full disk ({@code wrap} puts a command line around it, e.g. {@link org.spinnoise.sim.SmallDisk#wrap}). Progress
 * goes out as lines as often as every tenth of a task, so a cell can wait for a stage to begin.
 */
final class Child {

    private Child() {
    }

    static ChildJvm start(String... args) throws IOException {
        return start(UnaryOperator.identity(), args);
    }

    static ChildJvm start(UnaryOperator<List<String>> wrap, String... args) throws IOException {
        return ChildJvm.start(wrap.apply(Main.freshJvmCommand(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dspinnoise.progress.lines-interval-ms=1"), List.of(args))));
    }

    static void sigkill(ChildJvm child) throws InterruptedException {
        HostFaults.sigkill(child.process());
    }

    /** Standard error without progress lines: what a failing command told its user. */
    static List<String> errors(ChildJvm child) {
        return child.err().stream().filter(l -> !l.matches("^[a-z -]+: .*\\d+(\\.\\d+)? ?%.*") && !l.startsWith("* "))
                .toList();
    }
}
