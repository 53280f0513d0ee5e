package org.spinnoise.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinnoise.run.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise export-raw}: a run's raw bits in the format NIST's SP 800-90B tools read, one sample (0 or 1) per
 * byte, so an assessment can be checked with {@code ea_non_iid -v file 1}. Any run with bits is exported, interrupted
 * and failed ones included (with a note): their {@code bits.bin} holds the bits they kept.
 */
@Command(name = "export-raw", description = {
        "Write a run's raw bits one sample per byte (NIST SP 800-90B tool format).",
        "Interrupted and failed runs are exported too (with a note): bits.bin holds the bits they kept."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise export-raw --run runs/20261207-041500-demo --out raw.bin"})
final class ExportRawCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "RUN", required = true,
            description = "Run folder holding bits.bin and manifest.json.")
    Path runDir;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file.")
    Path outFile;

    @Override
    public Integer call() throws Exception {
        RunFolder run = RunFolder.open(runDir);
        long bits = run.manifest().bits();
        String status = run.manifest().status();
        if (bits <= 0) {
            throw new IllegalStateException(runDir + " has no acquired bits (its manifest says "
                    + "status '" + status + "'" + "); nothing to export");
        }
        byte[] packed = Files.readAllBytes(run.file("bits.bin"));
        if (packed.length * 8L < bits) {
            throw new IllegalStateException(run.file("bits.bin") + " does not hold the " + bits
                    + " bits its manifest announces");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outFile), 1 << 16)) {
            for (long i = 0; i < bits; i++) {
                out.write((packed[(int) (i >>> 3)] >>> (7 - (int) (i & 7))) & 1);
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%,d samples written to %s (one bit per byte)%n", bits, outFile);
        if (!status.equals("complete")) {
            stdout.printf("note: the run is '%s'; these are the bits it kept (see run.error in its manifest)%n",
                    status);
        }
        stdout.flush();
        return 0;
    }
}
