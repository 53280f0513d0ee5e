package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The SP 800-90B assessment of a run's bits, written into the folder's assessment file when the run is ingested. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EntropyAssessment(String file, long samples, double minEntropyPerBit, String limitedBy) {
}
