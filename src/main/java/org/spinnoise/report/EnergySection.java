package org.spinnoise.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.energy.PublishedTrngs;

/**
 * The energy ledger in a run's report ({@link RunReportPage}) and in the demo's summary ({@link DemoReport}): the
 * device energy per raw and per conditioned output bit, per area when the device profile gives one, the instrument
 * overhead apart from it, each kind of operation, and the published CMOS generators beside it with their sources.
 */
final class EnergySection {
    private EnergySection() {
    }

    static void html(HtmlPage page, EnergyLedger ledger) {
        page.heading("Energy ledger");
        if (ledger == null) {
            page.paragraph("This run folder holds no energy ledger (energy.json): runs write it when they end, and "
                    + "spinnoise report writes it for a finished run.");
            return;
        }
        if (!ledger.computed()) {
            page.paragraph("Energy ledger not computed: " + ledger.notComputed() + ".");
            return;
        }
        HtmlPage.Facts f = new HtmlPage.Facts();
        f.add("scheme", ledger.scheme()).add("raw bits", String.format(Locale.ROOT, "%,d", ledger.rawBits()));
        for (String[] row : headline(ledger)) {
            f.add(row[0], row[1]);
        }
        page.facts("energy", f);
        List<String[]> ops = new ArrayList<>();
        for (EnergyLedger.Operation o : ledger.operations()) {
            ops.add(new String[] {o.kind(), String.format(Locale.ROOT, "%,d", o.count()), joules(o.joules()),
                    o.joules() == null ? "not known" : joules(o.joules() / ledger.rawBits()), o.waveform(),
                    o.resistance()});
        }
        page.table("energy-operations", new String[] {"operation", "count", "energy", "per raw bit", "waveform",
                "R used"}, ops);
        page.paragraph("Published CMOS true-random generators (whole on-chip generators at their supply; the figure "
                + "above is the junction alone, without its instruments). J/bit/µm² divides by the area, so of two devices "
                + "with the same energy the larger scores lower; J·µm²/bit (energy × area) is lower only for a device "
                + "better on both:");
        page.table("energy-published", new String[] {"generator", "authors", "venue", "year", "energy per bit",
                "area", "J/bit/µm²", "J·µm²/bit", "this run ÷ published (per output bit)",
                "pulses alone ÷ published", "published figure", "source"},
                published(ledger));
        page.paragraph("Notes: " + String.join("; ", ledger.notes()) + ".");
    }

    /** The headline figures as name/value pairs, the same in the HTML report and the demo's Markdown. */
    static List<String[]> headline(EnergyLedger l) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"device energy", joules(l.deviceJoules()) + " (" + l.covers() + ")"});
        rows.add(new String[] {"device energy per raw bit", perBit(l.joulesPerRawBit())});
        if (l.conditioning() != null) {
            rows.add(new String[] {"raw bits per output bit", String.format(Locale.ROOT, "%.4f (%s)",
                    l.conditioning().rawBitsPerOutputBit(), l.conditioning().basis())});
        } else {
            rows.add(new String[] {"raw bits per output bit", "not known (no ingest and no claimed entropy)"});
        }
        rows.add(new String[] {"device energy per output bit", perBit(l.joulesPerOutputBit())});
        rows.add(new String[] {"write and reset pulses alone", joules(l.pulseJoulesPerRawBit()) + " per raw bit, "
                + joules(l.pulseJoulesPerOutputBit()) + " per output bit (the junction's switching without the "
                + "instrument-paced reads)"});
        if (l.areaSquareMeters() != null) {
            rows.add(new String[] {"junction area", String.format(Locale.ROOT, "%.4g µm² (%s)",
                    l.areaSquareMeters() * 1e12, l.areaSource())});
            rows.add(new String[] {"per raw bit per area", sci(l.joulesPerRawBitPerSquareMicrometer(), "J/bit/µm²")});
            rows.add(new String[] {"per output bit per area",
                    sci(l.joulesPerOutputBitPerSquareMicrometer(), "J/bit/µm²")});
            rows.add(new String[] {"energy × area per output bit",
                    sci(l.joulesAreaProductPerOutputBit(), "J·µm²/bit") + " (smaller is better on both)"});
        } else {
            rows.add(new String[] {"junction area", "not in the run's device profile: no per-area figures"});
        }
        EnergyLedger.Overhead o = l.overhead();
        rows.add(new String[] {"instrument overhead", String.format(Locale.ROOT, "%s of wall time and %.3f junction "
                + "operations per raw bit; %s", SiFormat.value(o.secondsPerRawBit(), "s"), o.operationsPerRawBit(),
                o.outsideDeviceFigure())});
        if (o.readBiasHeldUpperBoundJoules() != null) {
            rows.add(new String[] {"read bias held on, upper bound", joules(o.readBiasHeldUpperBoundJoules()) + " ("
                    + perBit(o.readBiasHeldUpperBoundJoules() / l.rawBits()) + " per raw bit), not in the device "
                    + "energy"});
        }
        return rows;
    }

    /** One row per published generator, with this run's per-output-bit energy over theirs. */
    static List<String[]> published(EnergyLedger l) {
        List<String[]> rows = new ArrayList<>();
        for (PublishedTrngs.Entry e : PublishedTrngs.ALL) {
            Double perArea = e.areaSquareMicrometers() == null ? null : e.joulesPerBit() / e.areaSquareMicrometers();
            rows.add(new String[] {e.design(), e.authors(), e.venue(), e.year(), perBit(e.joulesPerBit()),
                    e.areaSquareMicrometers() == null ? "not published in what was found"
                            : String.format(Locale.ROOT, "%,.0f µm²", e.areaSquareMicrometers()),
                    perArea == null ? "" : sci(perArea, "J/bit/µm²"),
                    e.areaSquareMicrometers() == null ? "" : sci(e.joulesPerBit() * e.areaSquareMicrometers(),
                            "J·µm²/bit"),
                    l.joulesPerOutputBit() == null ? "" : String.format(Locale.ROOT, "%.3g",
                            l.joulesPerOutputBit() / e.joulesPerBit()),
                    l.pulseJoulesPerOutputBit() == null ? "" : String.format(Locale.ROOT, "%.3g",
                            l.pulseJoulesPerOutputBit() / e.joulesPerBit()),
                    e.figure(), e.source()});
        }
        return rows;
    }

    static String joules(Double j) {
        return j == null ? "not known" : SiFormat.value(j, "J");
    }

    static String perBit(Double j) {
        return j == null ? "not known" : SiFormat.value(j, "J") + "/bit";
    }

    static String sci(Double x, String unit) {
        return x == null ? "not known" : String.format(Locale.ROOT, "%.3g %s", x, unit);
    }
}
