package org.spinnoise.cli;

import org.spinnoise.catalog.CatalogFilter;
import picocli.CommandLine.Option;

/** The filters of {@code runs list} and {@code runs export}. */
final class RunFilterOptions {
    @Option(names = "--device", paramLabel = "NAME",
            description = "Only runs of this device (its profile name, or a board's serial).")
    String device;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only entries started on or after this date (2026-12-07, "
            + "2026-12-07T14:30 local time, or an instant such as 2026-12-07T14:30:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "DATE",
            description = "Only entries started on or before this date (a bare date includes its "
            + "whole day).")
    String until;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "ok, failed, interrupted or running.")
    String outcome;

    @Option(names = "--kind", paramLabel = "KIND", description = "acquire, board, demo, calibrate, ingest or draw.")
    String kind;

    @OptionRange(min = 0)
    @Option(names = "--newest", paramLabel = "N", defaultValue = "0",
            description = "Only the N most recent matches (default: all).")
    int newest;

    CatalogFilter filter() {
        if (newest < 0) {
            throw new IllegalArgumentException("--newest must be 0 (all) or more, not " + newest);
        }
        return new CatalogFilter(device, since == null ? null : CatalogFilter.parseTime(since, false, "--since"),
                until == null ? null : CatalogFilter.parseTime(until, true, "--until"), outcome, kind, newest);
    }
}
