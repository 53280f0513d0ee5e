package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.spinnoise.entropy.PoolThroughputBenchmark;
import org.spinnoise.entropy.assess.Assessment;
import org.spinnoise.entropy.assess.EstimatorResult;
import org.spinnoise.entropy.assess.MinEntropyAssessment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench pool}: raw bits per second through the health tests and SHA-256 conditioning on one core,
 * beside the same JVM's raw SHA-256 speed; and the SP 800-90B estimator suite's time on 10^6 bits, beside the time of
 * its simplest estimator (most common value, one pass) in the same run.
 */
@Command(name = "pool", description = "Ingest-path throughput and estimator time on 10^6 bits.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench pool",
                "  spinnoise bench pool --megabytes 16 --estimator-bits 100000"})
final class PoolBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--megabytes", paramLabel = "MIB", defaultValue = "256",
            description = "Raw data per measurement (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @OptionRange(min = 1)
    @Option(names = "--estimator-bits", paramLabel = "N", defaultValue = "1000000",
            description = "Bits for the estimator timing (default: ${DEFAULT-VALUE}).")
    int estimatorBits;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PoolThroughputBenchmark.Result ingest = PoolThroughputBenchmark.run(megabytes, line -> {
            out.println(line);
            out.flush();
        });
        byte[] bits = new byte[estimatorBits];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) random.nextInt(2);
        }
        long t0 = System.nanoTime();
        Assessment assessment = MinEntropyAssessment.assessBits(bits, ProgressMode.of(spec));
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("estimators on %,d fair bits: %.2f s wall in all, min-entropy %.4f (limited by %s)%n",
                estimatorBits, totalSeconds, assessment.minEntropyPerBit(), assessment.limiting().name());
        double mcvSeconds = Double.NaN;
        for (EstimatorResult e : assessment.results()) {
            out.printf("    %-28s %.4f bits/bit  %.3f s%n", e.name(), e.minEntropyPerBit(), e.seconds());
            if (e.section().equals("6.3.1")) {
                mcvSeconds = e.seconds();
            }
        }
        String json = ingest.json();
        out.println(json.substring(0, json.length() - 1) + String.format(Locale.ROOT,
                ",\"estimator_bits\":%d,\"estimators_total_s\":%.3f,\"mcv_baseline_s\":%.4f}", estimatorBits,
                totalSeconds, mcvSeconds));
        out.flush();
        return 0;
    }
}
