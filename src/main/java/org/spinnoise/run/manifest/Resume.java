package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.spinnoise.entropy.HealthTestReport;

/**
 * One {@code acquire --resume} of the run: when, the status it resumed from, the confirmed bits before and after, the
 * operating-point check made before appending (bits and ones), and the health-test reports of the bits before the
 * resume: the tests restart on the appended bits, so their state does not carry over.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Resume(String time, String resumedFrom, long bitsBefore, Long bitsAfter, long checkBits,
                     long checkOnes, String healthTests, List<HealthTestReport> healthTestsBefore) {

    public Resume withBitsAfter(long bits) {
        return new Resume(time, resumedFrom, bitsBefore, bits, checkBits, checkOnes, healthTests,
                healthTestsBefore);
    }
}
