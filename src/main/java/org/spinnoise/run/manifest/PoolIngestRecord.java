package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.entropy.ingest.IngestReport;

/** Which pool took a run's bits, when, with what credited entropy and false-alarm rate, and what the ingest did. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PoolIngestRecord(String pool, String time, double creditedEntropyPerBit, double alpha, IngestReport report) {
}
