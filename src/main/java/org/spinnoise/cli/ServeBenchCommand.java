package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.serve.BacklogBenchmark;
import org.spinnoise.serve.ServiceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench serve}: the noise service's throughput of float32 normals to one and to four local clients,
 * beside raw JeroMQ moving the same frames over the same transport with the same pipelining, in the same run; then
 * its memory with many clients that ask and never read, beside the same clients reading.
 */
@Command(name = "serve", description = "Noise service throughput (1 and 4 clients) vs raw JeroMQ, same message size; "
        + "memory with clients that never read vs the same clients reading.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench serve",
                "  spinnoise bench serve --megabytes 64 --reply-bytes 65536",
                "  spinnoise bench serve --megabytes 64 --backlog-clients 128"})
final class ServeBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--megabytes", paramLabel = "MIB", defaultValue = "1024",
            description = "Normals payload per pass, MiB (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @OptionRange(min = 1)
    @Option(names = "--reply-bytes", paramLabel = "BYTES", defaultValue = "262144",
            description = "Payload per reply (default: ${DEFAULT-VALUE}).")
    int replyBytes;

    @OptionRange(min = 1)
    @Option(names = "--pipeline", paramLabel = "N", defaultValue = "8",
            description = "Requests in flight per client (default: ${DEFAULT-VALUE}).")
    int pipeline;

    @OptionRange(min = 0)
    @Option(names = "--backlog-clients", paramLabel = "N", defaultValue = "64",
            description = "Clients that ask and never read, for the memory figures; 0 skips them "
            + "(default: ${DEFAULT-VALUE}).")
    int backlogClients;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServiceBenchmark.Result r = ServiceBenchmark.run(megabytes, replyBytes, pipeline, line -> {
            out.println(line);
            out.flush();
        });
        summary(out, "1 client: ", r.one(), r.cores());
        summary(out, "4 clients:", r.four(), r.cores());
        String backlog = "";
        if (backlogClients > 0) {
            // Each asks 16 replies of the service's default largest size, 1 MiB.
            BacklogBenchmark.Result b = BacklogBenchmark.run(backlogClients, 16, 1 << 20, line -> {
                out.println(line);
                out.flush();
            });
            out.printf(Locale.ROOT, "%d clients that never read: heap %.1f MB vs %.1f MB when they read (+%.1f MB); "
                            + "the service queued %.1f MB of the %.1f MB they asked, bound %.1f MB%n",
                    b.clients(), b.stalledHeapMb(), b.baselineHeapMb(), b.stalledHeapMb() - b.baselineHeapMb(),
                    b.queuedBytes() / 1e6, b.askedBytes() / 1e6, b.queueBoundBytes() / 1e6);
            backlog = "," + b.jsonMembers();
        }
        out.println("{\"bench\":\"serve\"," + r.jsonMembers() + backlog + "}");
        out.flush();
        return 0;
    }

    /**
     * One line of medians: throughput beside raw JeroMQ, their paired ratio, CPU time per MB of each with the ratios
     * it allows (at raw's core use, and with every core busy), and the service serving raw bytes.
     */
    static void summary(PrintWriter out, String label, ServiceBenchmark.Figures f, int cores) {
        out.printf(Locale.ROOT, "%s service normals %.1f MB/s (%.1f M normals/s) vs raw JeroMQ %.1f MB/s: ratio %.2f; "
                        + "CPU %.2f vs %.2f ms/MB (ratio %.2f at raw's core use, at most %.2f on %d cores); service "
                        + "bytes %.1f MB/s: ratio %.2f, CPU %.2f ms/MB%n", label, f.serviceMbPerS(),
                f.serviceMbPerS() / 4, f.rawMbPerS(), f.ratio(), f.serviceCpuMsPerMb(), f.rawCpuMsPerMb(),
                f.cpuParityRatio(), f.cpuCeilingRatio(), cores, f.bytesMbPerS(), f.bytesRatio(), f.bytesCpuMsPerMb());
    }
}
