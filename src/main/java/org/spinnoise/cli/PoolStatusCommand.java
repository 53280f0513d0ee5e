package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise pool status}: what went in, what was set aside, what was credited and what consumers took, by
 * name; a running holder's reservation as a reservation, with the process that holds it.
 */
@Command(name = "status", description = "Show the pool's accounting (read-only; safe while another process serves).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise pool status",
                "  spinnoise pool status --json"})
final class PoolStatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolDirOption pool;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PoolStatus s = EntropyPool.inspect(pool.poolDir);
        if (json) {
            out.println(RunFolder.toJson(s).toString());
            return 0;
        }
        out.printf("pool                  %s%n", s.dir());
        out.printf("raw bits in           %,d%n", s.rawBitsIn());
        out.printf("bits quarantined      %,d%n", s.quarantinedBits());
        out.printf("entropy credited      %,.0f bits%n", s.creditedEntropyBits());
        out.printf("bytes appended        %,d (%d segment files)%n", s.bytesAppended(), s.segments());
        out.printf("bytes taken           %,d (handed to consumers)%n", s.bytesServed());
        out.printf("bytes available       %,d%n", s.bytesAvailable());
        if (!s.reservedBy().isEmpty()) {
            // A running holder's reservation: some of it may be handed out since its last cursor write; what it
            // does not send it gives back when it stops cleanly.
            out.printf("reserved              %,d by %s (its consumers' next bytes; the unsent rest returns to the "
                    + "pool when it stops cleanly)%n", s.bytesReserved(), s.reservedBy());
        }
        out.printf("lost at recovery      %,d (reserved by a process that crashed, never served)%n",
                s.bytesDiscardedAtRecovery());
        out.printf("corrupt bytes         %,d%s%n", s.corruptBytes(),
                s.corruptRanges().isEmpty() ? "" : " " + s.corruptRanges());
        out.printf("torn appends          %,d file bytes cut off (appends a crash interrupted before they were "
                + "acknowledged; no promised byte)%n", s.bytesTornAtRecovery());
        for (Map.Entry<String, Long> e : s.bytesOutByConsumer().entrySet()) {
            out.printf("  taken by %-13s %,d bytes%n", e.getKey(), e.getValue());
        }
        return 0;
    }
}
