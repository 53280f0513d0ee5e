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
 * name. A consumer takes bytes in chunks, so what it took can exceed what it used; the pool records the taking.
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
        // The pool knows what it handed out, not what a consumer did with it: a sampler takes chunks and may leave
        // part of the last one unused (never served again); its own record says how many it used.
        out.printf("bytes taken           %,d (handed to consumers; what each used is in its own record)%n",
                s.bytesServed());
        out.printf("bytes available       %,d%n", s.bytesAvailable());
        out.printf("lost at recovery      %,d (reserved before a crash, never served)%n",
                s.bytesDiscardedAtRecovery());
        out.printf("corrupt bytes         %,d%s%n", s.corruptBytes(),
                s.corruptRanges().isEmpty() ? "" : " " + s.corruptRanges());
        for (Map.Entry<String, Long> e : s.bytesOutByConsumer().entrySet()) {
            out.printf("  taken by %-13s %,d bytes%n", e.getKey(), e.getValue());
        }
        return 0;
    }
}
