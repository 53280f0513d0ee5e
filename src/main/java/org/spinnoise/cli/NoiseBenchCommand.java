package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.spinnoise.noise.NoiseBenchmark;
import org.spinnoise.serve.ServiceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench noise}: float32 normals per second in trng (from a scratch entropy pool), drbg and prng
 * mode, with trng's pool bits per normal, beside the JDK's nextGaussian measured in the same run.
 */
@Command(name = "noise", description = "Normals per second in trng, drbg and prng mode beside the JDK's nextGaussian.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench noise",
                "  spinnoise bench noise --samples 1048576 --serve-megabytes 0"})
final class NoiseBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--samples", paramLabel = "N", defaultValue = "4194304",
            description = "Normals per timed pass (default: ${DEFAULT-VALUE}).")
    int samples;

    @OptionRange(min = 0)
    @Option(names = "--serve-megabytes", paramLabel = "MIB", defaultValue = "1024",
            description = "Normals payload per noise-service pass, MiB; 0 skips the service figures (default: ${DEFAULT-VALUE}).")
    int serveMegabytes;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("spinnoise-bench-noise");
        NoiseBenchmark.Result result;
        try {
            result = NoiseBenchmark.run(samples, scratch.resolve("pool"), line -> {
                out.println(line);
                out.flush();
            });
        } finally {
            deleteTree(scratch);
        }
        out.printf(Locale.ROOT, "%-27s %10s %8s %14s %8s%n", "float32 normals", "M/s wall", "vs jdk",
                "M/s CPU time", "vs jdk");
        for (String mode : new String[] {"jdk", "trng", "trng_without_pool", "drbg", "prng"}) {
            double wall = result.number(mode + "_mnormals_per_s");
            double cpu = result.number(mode + "_cpu_mnormals_per_s");
            out.printf(Locale.ROOT, "%-27s %10.2f %7.2fx %14.2f %7.2fx%n",
                    mode.equals("jdk") ? "jdk nextGaussian (baseline)" : mode.replace('_', ' '), wall,
                    wall / result.number("jdk_mnormals_per_s"), cpu, cpu / result.number("jdk_cpu_mnormals_per_s"));
        }
        out.printf(Locale.ROOT, "trng pool bits per float32 normal: %.2f; drbg pool bits per normal: %.5f%n",
                result.number("trng_bits_per_normal"), result.number("drbg_hardware_bits_per_normal"));
        String json = result.json();
        if (serveMegabytes > 0) {
            // The service figures (one and four clients beside raw JeroMQ), as in 'bench serve'.
            ServiceBenchmark.Result serve = ServiceBenchmark.run(serveMegabytes, 256 << 10, 8, out::println);
            ServeBenchCommand.summary(out, "noise service, 1 client: ", serve.one(), serve.cores());
            ServeBenchCommand.summary(out, "noise service, 4 clients:", serve.four(), serve.cores());
            json = json.substring(0, json.lastIndexOf('}')) + "," + serve.jsonMembers() + "}";
        }
        out.println(json);
        out.flush();
        return 0;
    }

    /** Deletes a scratch folder and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
