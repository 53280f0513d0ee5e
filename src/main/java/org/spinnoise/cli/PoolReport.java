package org.spinnoise.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.spinnoise.entropy.assess.EstimatorResult;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.run.RunIngest;

/** Prints what an ingest assessed and did. */
final class PoolReport {
    private PoolReport() {
    }

    /** The report as text, for a service that ingests a run handed to it and answers with what to print. */
    static String render(RunIngest.Result r) {
        StringWriter text = new StringWriter();
        print(new PrintWriter(text), r);
        return text.toString();
    }

    static void print(PrintWriter out, RunIngest.Result r) {
        out.printf("min-entropy    %.4f bits per raw bit over %,d bits (SP 800-90B non-IID), limited by %s%n",
                r.assessment().minEntropyPerBit(), r.assessment().samples(), r.assessment().limiting().name());
        for (EstimatorResult e : r.assessment().results()) {
            out.printf("    %-28s %.4f  (%s, %.2f s)%n", e.name(), e.minEntropyPerBit(), e.section(), e.seconds());
        }
        IngestReport i = r.ingest();
        out.printf("credited       %.4f bits per raw bit%n", r.creditedEntropyPerBit());
        out.printf("ingest         %,d raw bits: %,d conditioned, %,d quarantined, %,d unused; %,d bytes out "
                        + "(%,.0f bits of entropy), source ends %s%n", i.rawBitsIn(), i.bitsConditioned(),
                i.quarantinedBits(), i.bitsUnused(), i.bytesOut(), i.creditedEntropyBits(), i.finalState());
        out.printf("pool           %s: %,d bytes available, %,d taken by consumers%n", r.pool().dir(),
                r.pool().bytesAvailable(),
                r.pool().bytesServed());
        out.flush();
    }
}
