package org.spinnoise.entropy.ingest;

import java.util.List;
import org.spinnoise.entropy.HealthTestReport;

/**
 * What one ingest did: raw bits taken in, quarantined, conditioned; output bytes appended to the pool with the entropy
 * credited to them; every health alarm; the health tests' totals; and whether the source ended healthy.
 */
public record IngestReport(String sourceId, double entropyPerBit, long rawBitsIn, long quarantinedBits,
                           long bitsConditioned, long bitsUnused, long bytesOut, double creditedEntropyBits,
                           List<HealthEvent> events, List<HealthTestReport> health, String finalState) {
}
