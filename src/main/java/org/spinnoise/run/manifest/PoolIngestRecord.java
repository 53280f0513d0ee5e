package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.entropy.ingest.IngestReport;

/**
 * Which pool took a run's bits, when, with what credited entropy and false-alarm rate, what the ingest did, and the
 * bytes the pool held available right after it (null in manifests written before it was recorded). The ingest holds
 * the pool's lock, so the pool held {@code poolBytesAvailableAfter - report.bytesOut} just before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PoolIngestRecord(String pool, String time, double creditedEntropyPerBit, double alpha, IngestReport report,
                               Long poolBytesAvailableAfter) {

    /** Bytes available in the pool just before the ingest, or null when the manifest does not say. */
    public Long poolBytesAvailableBefore() {
        return poolBytesAvailableAfter == null || report == null ? null : poolBytesAvailableAfter - report.bytesOut();
    }
}
