package org.spinnoise.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Which entries {@code runs list} and {@code runs export} want: by device, start time (inclusive range, epoch
 * milliseconds), outcome and kind; a null field does not filter. {@code newest}, when positive, keeps only that many
 * of the most recent matches.
 */
public record CatalogFilter(String device, Long sinceMs, Long untilMs, String outcome, String kind, int newest) {
    public static final CatalogFilter ALL = new CatalogFilter(null, null, null, null, null, 0);
    private static final Set<String> OUTCOMES = Set.of("ok", "failed", "interrupted", "running", "unknown");

    public CatalogFilter {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("unknown outcome '" + outcome
                    + "': use ok, failed, interrupted, running or unknown");
        }
        if (kind != null) {
            CatalogEntry.Kind.parse(kind);
        }
        if (sinceMs != null && untilMs != null && untilMs < sinceMs) {
            throw new IllegalArgumentException("the --until date is before the --since date");
        }
    }

    /**
     * A date or time as a user types it: {@code 2026-12-07} (the day's start, or with {@code endOfDay} its last
     * millisecond, local time), {@code 2026-12-07T14:30[:00]} (local time) or an instant with its offset
     * ({@code 2026-12-07T14:30:00Z}).
     */
    public static long parseTime(String text, boolean endOfDay, String option) {
        ZoneId zone = ZoneId.systemDefault();
        try {
            LocalDate day = LocalDate.parse(text);
            return (endOfDay ? day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1
                    : day.atStartOfDay(zone).toInstant().toEpochMilli());
        } catch (DateTimeParseException notADay) {
            // a time, below
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // an instant with an offset, below
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(option + " '" + text + "' is not a date: use 2026-12-07, "
                        + "2026-12-07T14:30 (local time) or 2026-12-07T14:30:00Z");
            }
        }
    }
}
