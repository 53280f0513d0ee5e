package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.entropy.PoolThroughputBenchmark;
import org.spinnoise.entropy.assess.AssessmentBenchmark;
import org.spinnoise.entropy.assess.EstimatorResult;
import org.spinnoise.entropy.assess.MinEntropyAssessment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench pool}: raw bits per second through the health tests and SHA-256 conditioning on one core,
 * beside the same JVM's raw SHA-256 speed; the SP 800-90B estimator suite's process CPU on 10^6 bits, beside the cost
 * of reading those bits once and NIST's ea_non_iid on them when it is installed; and the assessment a 100 Mbit run
 * gets at ingest, beside the cost of unpacking and reading its bits.
 */
@Command(name = "pool", description = "Ingest-path throughput, estimator CPU on 10^6 bits, assessment of a 100 Mbit run.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench pool",
                "  spinnoise bench pool --megabytes 16 --estimator-bits 100000 --run-bits 0"})
final class PoolBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--megabytes", paramLabel = "MIB", defaultValue = "256",
            description = "Raw data per measurement (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @OptionRange(min = 1)
    @Option(names = "--estimator-bits", paramLabel = "N", defaultValue = "1000000",
            description = "Bits for the estimator suite timing (default: ${DEFAULT-VALUE}).")
    int estimatorBits;

    @OptionRange(min = 0, max = Integer.MAX_VALUE - 8)
    @Option(names = "--run-bits", paramLabel = "N", defaultValue = "100000000",
            description = "Bits of the run whose ingest assessment is timed; 0 skips it (default: ${DEFAULT-VALUE}).")
    long runBits;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (estimatorBits < MinEntropyAssessment.MIN_SAMPLES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--estimator-bits must be at least "
                    + MinEntropyAssessment.MIN_SAMPLES + ", got " + estimatorBits);
        }
        if (runBits != 0 && (runBits < MinEntropyAssessment.MIN_SAMPLES || runBits > Integer.MAX_VALUE - 8)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--run-bits must be 0 or "
                    + MinEntropyAssessment.MIN_SAMPLES + ".." + (Integer.MAX_VALUE - 8) + ", got " + runBits);
        }
        PoolThroughputBenchmark.Result ingest = PoolThroughputBenchmark.run(megabytes, line -> {
            out.println(line);
            out.flush();
        });
        AssessmentBenchmark.Result r = AssessmentBenchmark.run(estimatorBits, runBits, line -> {
            out.println(line);
            out.flush();
        }, ProgressMode.of(spec));
        out.printf(Locale.ROOT, "estimator suite on %,d fair bits: %.3f s CPU (%.3f s wall), first run %.3f s CPU; "
                        + "baseline reading the bits once %.4f s CPU; NIST ea_non_iid %s%n", estimatorBits,
                r.suiteWarm().cpuSeconds(), r.suiteWarm().wallSeconds(), r.suiteCold().cpuSeconds(),
                r.readSample().cpuSeconds(), r.nist() == null ? "not measured (" + r.nistNote() + ")"
                        : String.format(Locale.ROOT, "%.3f s CPU (%.3f s wall)", r.nist().cpuSeconds(),
                        r.nist().wallSeconds()));
        out.printf(Locale.ROOT, "    min-entropy %.4f (limited by %s)%n", r.sample().minEntropyPerBit(),
                r.sample().limiting().name());
        double mcvSeconds = Double.NaN;
        for (EstimatorResult e : r.sample().results()) {
            out.printf(Locale.ROOT, "    %-28s %.4f bits/bit  %.3f s wall%n", e.name(), e.minEntropyPerBit(), e.seconds());
            if (e.section().equals("6.3.1")) {
                mcvSeconds = e.seconds();
            }
        }
        if (r.run() != null) {
            out.printf(Locale.ROOT, "assessment of a %,d-bit run (as at ingest): %.2f s wall, %.2f s CPU; baseline "
                            + "unpacking and reading its bits once %.3f s wall; min-entropy %.4f (limited by %s)%n",
                    r.runBits(), r.runAssess().wallSeconds(), r.runAssess().cpuSeconds(), r.readRun().wallSeconds(),
                    r.run().minEntropyPerBit(), r.run().limiting().name());
            for (EstimatorResult e : r.run().results()) {
                out.printf(Locale.ROOT, "    %-28s %.4f bits/bit  %.3f s wall%n", e.name(), e.minEntropyPerBit(),
                        e.seconds());
            }
        }
        String json = ingest.json();
        out.println(json.substring(0, json.length() - 1) + "," + r.jsonMembers() + String.format(Locale.ROOT,
                ",\"mcv_baseline_s\":%.4f}", mcvSeconds));
        out.flush();
        return 0;
    }
}
