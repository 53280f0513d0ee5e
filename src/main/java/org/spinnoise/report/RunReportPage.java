package org.spinnoise.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.ingest.HealthEvent;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.DemoSample;
import org.spinnoise.run.manifest.EntropyAssessment;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.PoolIngestRecord;
import org.spinnoise.run.manifest.RunStatus;

/**
 * The content of {@link RunReport}'s page, section by section, from the typed manifest. Numbers are written as the
 * console writes them (grouped thousands, Locale.ROOT), so a figure can be found in the report, the manifest and
 * {@code pool status} alike.
 */
final class RunReportPage {
    /** Health alarms listed one by one; beyond this many the rest are counted. */
    static final int MAX_EVENTS = 50;

    private RunReportPage() {
    }

    static String html(Path runFolder, RunManifest m, EnergyLedger energy, Map<String, byte[]> pngs,
                       List<String> problems) {
        HtmlPage page = new HtmlPage("spinnoise run " + runFolder.getFileName());
        outcome(page, m);
        instruments(page, m);
        calibration(page, m);
        acquisition(page, m);
        health(page, m);
        pool(page, m);
        if (m.acquisition() != null) {
            EnergySection.html(page, energy);
        }
        demo(page, m.demo());
        page.heading("Plots");
        if (pngs.isEmpty()) {
            page.paragraph("This run folder holds no plots.");
        }
        for (String problem : problems) {
            page.verdict("not drawn: " + problem, false);
        }
        for (Map.Entry<String, byte[]> png : pngs.entrySet()) {
            page.image(png.getKey(), png.getValue(), caption(png.getKey()));
        }
        files(page, m);
        return page.html();
    }

    private static void outcome(HtmlPage page, RunManifest m) {
        RunStatus run = m.run();
        page.heading("Outcome");
        page.verdict("status: " + m.status() + (run != null && run.error() != null ? " (" + run.error() + ")" : ""),
                m.status().equals("complete"));
        HtmlPage.Facts f = new HtmlPage.Facts();
        if (run != null) {
            f.add("kind", run.kind()).add("started", run.started()).add("finished", run.finished())
                    .add("stopped by", run.stoppedBy());
        }
        if (m.tool() != null) {
            f.add("code version", m.tool().name() + " " + m.tool().version()).add("java", m.tool().java());
        }
        if (m.bench() != null) {
            f.add("bench", (m.bench().simulated() ? "simulated, " : "") + nullToEmpty(m.bench().benchFile()))
                    .add("simulated seed", m.bench().seed() == null ? null : m.bench().seed().toString())
                    .add("true V50 (simulated)", volts(m.bench().trueV50Volts()));
        }
        page.facts("outcome", f);
    }

    private static void instruments(HtmlPage page, RunManifest m) {
        Instruments i = m.instruments();
        BoardSection b = m.board();
        if (i == null && b == null) {
            return;
        }
        page.heading("Instruments");
        HtmlPage.Facts f = new HtmlPage.Facts();
        if (i != null) {
            f.add("pulse generator *IDN?", i.pulse() == null ? null : i.pulse().raw())
                    .add("source meter *IDN?", i.smu() == null ? null : i.smu().raw());
        }
        if (b != null) {
            f.add("board address", b.address());
            if (b.hello() != null) {
                f.add("board", "serial " + b.hello().serial() + ", firmware " + b.hello().firmware() + ", "
                        + b.hello().junctions() + " junctions");
            }
        }
        page.facts("instruments", f);
    }

    private static void calibration(HtmlPage page, RunManifest m) {
        Calibration c = m.calibration();
        BoardSection b = m.board();
        if (c == null && (b == null || b.calibration() == null) && (b == null || b.configuration() == null)) {
            return;
        }
        page.heading("Calibration");
        HtmlPage.Facts f = new HtmlPage.Facts();
        if (c != null) {
            f.add("threshold", String.format(Locale.ROOT, "%,.1f Ω (%.1f σ margin, TMR %.3f)", c.thresholdOhms(),
                    c.marginSigmas(), c.tmr()));
            if (c.readErrorRate() != null) {
                f.add("read error rate", String.format(Locale.ROOT, "%.3g", c.readErrorRate()));
            }
            if (c.sweepFit() != null) {
                f.add("V50", String.format(Locale.ROOT, "%.4f V ± %.4f V (standard error)", c.sweepFit().v50Volts(),
                        c.sweepFit().v50StdErrVolts()));
                if (c.v50CiLowVolts() != null && c.v50CiHighVolts() != null) {
                    f.add("V50 95 % interval", String.format(Locale.ROOT, "%.4f V .. %.4f V", c.v50CiLowVolts(),
                            c.v50CiHighVolts()));
                }
                f.add("dV", String.format(Locale.ROOT, "%.4f V ± %.4f V", c.sweepFit().deltaVolts(),
                        c.sweepFit().deltaStdErrVolts()));
            }
            if (c.operatingPoint() != null) {
                f.add("operating point", String.format(Locale.ROOT, "write %.4f V for %s, reset %.4f V for %s",
                        c.operatingPoint().write().amplitudeVolts(), seconds(c.operatingPoint().write().widthSeconds()),
                        c.operatingPoint().reset().amplitudeVolts(),
                        seconds(c.operatingPoint().reset().widthSeconds())));
            }
            f.add("sweep", c.sweepMode() == null ? null : c.sweepMode()
                    + (c.sweepPulses() == null ? "" : String.format(Locale.ROOT, ", %,d pulses", c.sweepPulses())));
        }
        if (b != null && b.calibration() != null) {
            f.add("board threshold code", Integer.toString(b.calibration().thresholdCode()));
            if (b.calibration().sweepFit() != null) {
                f.add("board V50", String.format(Locale.ROOT, "%.4f V ± %.4f V", b.calibration().sweepFit().v50Volts(),
                        b.calibration().sweepFit().v50StdErrVolts()));
                f.add("board dV", String.format(Locale.ROOT, "%.4f V", b.calibration().sweepFit().deltaVolts()));
            }
        }
        if (b != null && b.configuration() != null && b.configuration().applied() != null) {
            var p = b.configuration().applied();
            f.add("board operating point", String.format(Locale.ROOT, "write %.4f V for %s, reset %.4f V for %s, "
                    + "threshold code %d", p.writeVolts(), seconds(p.writeWidthSeconds()), p.resetVolts(),
                    seconds(p.resetWidthSeconds()), p.thresholdCode()));
        }
        page.facts("calibration", f);
    }

    private static void acquisition(HtmlPage page, RunManifest m) {
        Acquisition a = m.acquisition();
        if (a == null) {
            return;
        }
        page.heading("Acquisition");
        HtmlPage.Facts f = new HtmlPage.Facts();
        f.add("source", a.source())
                .add("bits", String.format(Locale.ROOT, "%,d of %,d requested", a.bits(), a.requestedBits()))
                .add("ones", String.format(Locale.ROOT, "%,d", a.ones()))
                .add("bias", a.bias() == null ? null : String.format(Locale.ROOT, "%+.5f (fraction of ones - 1/2)",
                        a.bias()))
                .add("bits/s", a.bitsPerSecond() == null ? null : String.format(Locale.ROOT, "%,.1f",
                        a.bitsPerSecond()))
                .add("seconds", String.format(Locale.ROOT, "%.2f", a.seconds()))
                .add("round trips per bit", a.roundTripsPerBit() == null ? null
                        : String.format(Locale.ROOT, "%.4f", a.roundTripsPerBit()))
                .add("bits discarded unconfirmed", String.format(Locale.ROOT, "%,d", a.discardedUnconfirmedBits()))
                .add("source events", String.format(Locale.ROOT, "%,d", a.sourceEvents()));
        if (m.plan() != null && m.plan().read() != null) {
            f.add("read bias", String.format(Locale.ROOT, "%.4f V", m.plan().read().biasVolts()));
        }
        if (m.stream() != null) {
            f.add("board stream", String.format(Locale.ROOT, "%,d frames, %,d corrupt, %,d missing, %,d ambiguous "
                            + "reads, %,.0f bits/s", m.stream().framesReceived(), m.stream().corruptFrames(),
                    m.stream().missingFrames(), m.stream().ambiguousReads(), m.stream().bitsPerSecond()));
        }
        page.facts("acquisition", f);
    }

    private static void health(HtmlPage page, RunManifest m) {
        List<HealthTestReport> tests = m.healthTests();
        IngestReport ingest = m.poolIngest() == null ? null : m.poolIngest().report();
        if ((tests == null || tests.isEmpty()) && ingest == null) {
            return;
        }
        page.heading("Health tests");
        if (m.acquisition() != null) {
            page.verdict("continuous health tests " + (m.acquisition().healthPassed() ? "passed" : "FAILED")
                    + " during the acquisition", m.acquisition().healthPassed());
        }
        List<String[]> rows = new ArrayList<>();
        for (HealthTestReport t : tests == null ? List.<HealthTestReport>of() : tests) {
            rows.add(new String[] {"acquisition", t.test(), Integer.toString(t.cutoff()), grouped(t.samples()),
                    grouped(t.failures()), grouped(t.worstObserved())});
        }
        if (ingest != null && ingest.health() != null) {
            for (HealthTestReport t : ingest.health()) {
                rows.add(new String[] {"pool ingest", t.test(), Integer.toString(t.cutoff()), grouped(t.samples()),
                        grouped(t.failures()), grouped(t.worstObserved())});
            }
        }
        page.table("health-tests", new String[] {"where", "test", "cutoff", "samples", "failures", "worst count"},
                rows);
        if (ingest != null) {
            List<HealthEvent> events = ingest.events() == null ? List.of() : ingest.events();
            page.paragraph(String.format(Locale.ROOT, "%,d health alarm%s during ingest; %,d bits quarantined%s; "
                            + "source ended %s.", events.size(), events.size() == 1 ? "" : "s",
                    ingest.quarantinedBits(), ingest.quarantinedBits() > 0 ? " (quarantine.bin, quarantine.csv)" : "",
                    ingest.finalState()));
            if (!events.isEmpty()) {
                List<String[]> eventRows = new ArrayList<>();
                for (HealthEvent e : events.subList(0, Math.min(MAX_EVENTS, events.size()))) {
                    eventRows.add(new String[] {grouped(e.firstBitIndex()), grouped(e.bits()), e.phase(), e.action()});
                }
                page.table("health-events", new String[] {"first bit", "bits", "phase", "action"}, eventRows);
                if (events.size() > MAX_EVENTS) {
                    page.paragraph(String.format(Locale.ROOT, "and %,d more (the manifest lists them all)",
                            events.size() - MAX_EVENTS));
                }
            }
        }
    }

    private static void pool(HtmlPage page, RunManifest m) {
        EntropyAssessment assessment = m.entropyAssessment();
        PoolIngestRecord ingest = m.poolIngest();
        if (assessment == null && ingest == null) {
            return;
        }
        page.heading("Assessment and pool");
        HtmlPage.Facts f = new HtmlPage.Facts();
        if (assessment != null) {
            f.add("H_min", String.format(Locale.ROOT, "%.4f bits per raw bit over %,d bits (SP 800-90B), limited by %s",
                    assessment.minEntropyPerBit(), assessment.samples(), assessment.limitedBy()));
        }
        if (ingest != null) {
            f.add("pool", ingest.pool()).add("ingested", ingest.time())
                    .add("credited", String.format(Locale.ROOT, "%.4f bits per raw bit", ingest.creditedEntropyPerBit()));
            IngestReport r = ingest.report();
            if (r != null) {
                f.add("raw bits in", grouped(r.rawBitsIn())).add("bits conditioned", grouped(r.bitsConditioned()))
                        .add("bits quarantined", grouped(r.quarantinedBits()))
                        .add("pool bytes produced", String.format(Locale.ROOT, "%,d bytes (%,.0f bits of entropy)",
                                r.bytesOut(), r.creditedEntropyBits()));
            }
            if (ingest.poolBytesAvailableAfter() != null) {
                f.add("pool before ingest", bytes(ingest.poolBytesAvailableBefore()))
                        .add("pool after ingest", bytes(ingest.poolBytesAvailableAfter()));
            }
        }
        page.facts("pool", f);
    }

    private static void demo(HtmlPage page, DemoSample d) {
        if (d == null) {
            return;
        }
        page.heading("Sample grid with pool noise");
        HtmlPage.Facts f = new HtmlPage.Facts();
        f.add("pool", d.pool())
                .add("pool before top-up", bytes(d.poolBytesBeforeTopUp()))
                .add("board top-up", d.boardRuns().isEmpty() ? "not needed" : String.join(", ", d.boardRuns()))
                .add("pool before sampling", bytes(d.poolBytesBeforeSampling()))
                .add("model", d.model()).add("sampler", d.sampler()).add("noise", d.mode())
                .add("images", Integer.toString(d.images()))
                .add("normals drawn", grouped(d.normals()))
                .add("pool bytes used", bytes(d.poolBytesUsed()) + " (4 per normal)")
                .add("pool bytes taken by " + d.consumer(), bytes(d.poolBytesTaken())
                        + " (what pool status counts for " + d.consumer() + ")")
                .add("taken but unused", bytes(d.poolBytesTakenUnused())
                        + " (never served again)")
                .add("pool after sampling", bytes(d.poolBytesAfterSampling()));
        page.facts("demo", f);
    }

    private static void files(HtmlPage page, RunManifest m) {
        if (m.files() == null || m.files().isEmpty()) {
            return;
        }
        page.heading("Files");
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, RunManifest.FileEntry> e : m.files().entrySet()) {
            if (!e.getKey().equals(RunReport.FILE)) {
                rows.add(new String[] {e.getKey(), grouped(e.getValue().bytes()), e.getValue().sha256()});
            }
        }
        rows.add(new String[] {RunReport.FILE, "", "this report"});
        page.table("files", new String[] {"file", "bytes", "SHA-256"}, rows);
    }

    private static String caption(String png) {
        return switch (png) {
            case SwitchingCurvePlot.FILE -> "Switching curve and sigmoid fit";
            case WidthMapPlot.FILE -> "Width map";
            case ResistanceHistogramPlot.FILE -> "Resistance histogram with the threshold";
            case TrackingPlot.FILE -> "Bias and write amplitude over time (drift tracking)";
            case ToggleMapPlot.FILE -> "Toggle map";
            case HealthTestsPlot.FILE -> "Health-test statistics per block against their cutoffs";
            case PoolLevelPlot.FILE -> "Entropy pool level";
            case "pool-samples.png" -> "Sample grid drawn with pool noise";
            default -> png.startsWith("junction-") ? "Junction plot" : "Plot";
        };
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(Long n) {
        return n == null ? null : String.format(Locale.ROOT, "%,d bytes", n);
    }

    private static String volts(Double v) {
        return v == null ? null : String.format(Locale.ROOT, "%.4f V", v);
    }

    private static String seconds(double s) {
        return SiFormat.value(s, SiFormat.thousands(s, "s"), 3, "s");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
