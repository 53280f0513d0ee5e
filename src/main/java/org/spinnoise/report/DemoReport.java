package org.spinnoise.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.DemoSample;
import org.spinnoise.run.manifest.SimulatedBench;

/**
 * {@value #FILE}: the demo's short Markdown summary, tying its stages together (the bench run in this folder, the
 * board top-ups, the sample grid with pool noise). Written from the demo run's manifest alone (its {@code demo} and
 * {@code simulated_bench} sections), so it shows the same figures as the manifest, {@code report.html} and
 * {@code pool status}.
 */
public final class DemoReport {
    public static final String FILE = "demo-report.md";

    private DemoReport() {
    }

    /** Writes {@value #FILE} into {@code runFolder} from {@code manifest}, which must hold the demo section. */
    public static Path write(Path runFolder, RunManifest manifest) throws IOException {
        DemoSample d = manifest.demo();
        if (d == null) {
            throw new IOException(runFolder + ": the manifest has no demo section to report");
        }
        StringBuilder r = new StringBuilder();
        r.append("# spinnoise demo\n\n");
        r.append("![garments sampled with pool noise](").append(d.grid()).append(")\n\n");
        r.append("| stage | result |\n| --- | --- |\n");
        r.append("| SCPI bench acquisition and calibration | this folder: `manifest.json`, `reads.csv`, `bits.bin`, "
                + "`report.html` |\n");
        r.append(simulatedBenchRows(manifest.simulatedBench()));
        row(r, "pool after this run's ingest", String.format(Locale.ROOT, "%,d bytes at `%s`", d.poolBytesBeforeTopUp(),
                d.pool()));
        row(r, "board emulator top-up", d.boardRuns().isEmpty() ? "not needed"
                : "`" + String.join("`, `", d.boardRuns()) + "`");
        row(r, "pool before sampling", String.format(Locale.ROOT, "%,d bytes", d.poolBytesBeforeSampling()));
        row(r, "model", escape(d.model()));
        row(r, "sampler", escape(d.sampler()));
        row(r, "noise", d.mode() + ": every normal from the pool");
        row(r, "images", String.format(Locale.ROOT, "%d in `%s`", d.images(), d.grid()));
        row(r, "normals drawn", String.format(Locale.ROOT, "%,d", d.normals()));
        if (d.noiseCheck() != null) {
            row(r, "noise check of the normals drawn", escape(d.noiseCheck()));
        }
        row(r, "pool bytes used", String.format(Locale.ROOT, "%,d (%,d pool bits, 32 per normal)", d.poolBytesUsed(),
                d.poolBytesUsed() * 8));
        row(r, "pool bytes taken by `" + d.consumer() + "`", String.format(Locale.ROOT, "%,d (what `pool status` "
                + "counts; %,d of them taken but unused, never served again)", d.poolBytesTaken(),
                d.poolBytesTakenUnused()));
        row(r, "pool after sampling", String.format(Locale.ROOT, "%,d bytes", d.poolBytesAfterSampling()));
        r.append(energyRows(runFolder));
        r.append("\nThe run record of the sampling is `").append(d.record()).append("`; each board run's folder has its ")
                .append("own manifest, health tests, assessment and report.html.\n");
        Path file = runFolder.resolve(FILE);
        Files.writeString(file, r.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The bench run's energy ledger (energy.json) as table rows, then the published CMOS generators beside it; a
     * folder without one says so.
     */
    static String energyRows(Path runFolder) {
        StringBuilder r = new StringBuilder();
        EnergyLedger ledger;
        try {
            ledger = RunEnergy.read(runFolder);
        } catch (IOException e) {
            row(r, "energy ledger", escape(e.getMessage()));
            return r.toString();
        }
        if (ledger == null || !ledger.computed()) {
            row(r, "energy ledger", ledger == null ? "not written (no energy.json)" : "not computed: "
                    + escape(ledger.notComputed()));
            return r.toString();
        }
        for (String[] headline : EnergySection.headline(ledger)) {
            row(r, "energy: " + headline[0], escape(headline[1]));
        }
        r.append("\n| published CMOS TRNG | energy per bit | area | this run ÷ published (per output bit) "
                + "| pulses alone ÷ published | source |\n| --- | --- | --- | --- | --- | --- |\n");
        for (String[] p : EnergySection.published(ledger)) {
            r.append("| ").append(escape(p[0])).append(", ").append(escape(p[1])).append(", ").append(escape(p[2]))
                    .append(", ").append(escape(p[3])).append(" | ").append(p[4]).append(" | ").append(escape(p[5]))
                    .append(" | ").append(p[8].isEmpty() ? "not known" : p[8]).append(" | ")
                    .append(p[9].isEmpty() ? "not known" : p[9]).append(" | ").append(escape(p[10])).append("; ")
                    .append(escape(p[11])).append(" |\n");
        }
        r.append("\nEvery operation, its waveform and the resistance it was divided by: `energy.csv`, `energy.json`; "
                + "the notes behind the figures: `report.html`.\n");
        return r.toString();
    }

    private static void row(StringBuilder r, String stage, String result) {
        r.append("| ").append(stage).append(" | ").append(result).append(" |\n");
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    /** What the simulated junction felt and the rate a real bench would show. */
    private static String simulatedBenchRows(SimulatedBench bench) {
        if (bench == null || bench.junctions().isEmpty()) {
            return "";
        }
        SimulatedBench.Junction junction = bench.junctions().get(0);
        Map<String, SimulatedBench.Level> levels = junction.levels();
        SimulatedBench.Level none = new SimulatedBench.Level(0, 0);
        return String.format(Locale.ROOT, "| simulated junction | largest |V| %.4f V; between pulses: pulse ch1 %.4f V, "
                        + "pulse ch2 %.4f V, SMU %.4f V; %s |%n| rate a real bench would show | %.0f bits/s "
                        + "(%.2f ms per read, instrument times modelled from the manuals) |%n",
                junction.stress().maxAbsVolts(),
                levels.getOrDefault("pulse ch1", none).largestVolts(),
                levels.getOrDefault("pulse ch2", none).largestVolts(),
                levels.getOrDefault("smu ch1", none).largestVolts(),
                junction.stress().brokenDown() ? "BROKEN DOWN" : "intact",
                bench.modelledBitsPerSecond(), 1e3 * bench.modelledSecondsPerRead())
                .replace("|V|", "\\|V\\|");
    }
}
