package org.spinnoise.entropy;

/**
 * What one continuous health test has seen so far, for run folders and dashboards.
 *
 * @param test          name of the test, e.g. "repetition count"
 * @param cutoff        the count at which the test fails
 * @param samples       samples the test has processed
 * @param failures      failures signalled
 * @param worstObserved the largest count the test reached: the longest run for the repetition count test, the most
 *                      occurrences of a window's reference sample for the adaptive proportion test
 */
public record HealthTestReport(String test, int cutoff, long samples, long failures, long worstObserved) {
}
