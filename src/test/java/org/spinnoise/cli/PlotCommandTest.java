package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plots a real calibrate-and-acquire run draws into its folder (the demo on the simulated bench), and
 * {@code spinnoise plot} redrawing them or refusing a malformed file in one line.
 */
class PlotCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aDemoRunDrawsItsSwitchingCurveAndHistogramAndPlotRedrawsThem() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path runs = tmp.resolve("runs");
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "demo", "--recipe", smallRecipe().toString(),
                "--bits", "2000", "--runs", runs.toString(), "--no-pool", "--images", "0", "--seed", "11");
        assertEquals(0, code, err + "\n" + out);
        Path folder;
        try (Stream<Path> list = Files.list(runs)) {
            folder = list.filter(p -> p.getFileName().toString().endsWith("-demo")).findFirst().orElseThrow();
        }
        for (String name : new String[] {"switching-curve.png", "resistance-histogram.png"}) {
            Path png = folder.resolve(name);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(900, image.getWidth(), name);
            assertEquals(600, image.getHeight(), name);
            assertTrue(out.toString().contains("plot           " + png), out.toString());
            Files.delete(png);
        }

        StringWriter again = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(again), new PrintWriter(err), "plot", folder.toString()));
        assertTrue(Files.size(folder.resolve("switching-curve.png")) > 0);
        assertTrue(Files.size(folder.resolve("resistance-histogram.png")) > 0);
        assertTrue(again.toString().contains("plot           " + folder.resolve("resistance-histogram.png")),
                again.toString());
    }

    /** The demo recipe with fewer threshold reads and a coarser sweep, so the run takes seconds. */
    private Path smallRecipe() throws Exception {
        String demo = Files.readString(Path.of(System.getProperty("spinnoise.projectDir", "."),
                "calibration/recipes/demo.json"));
        Path recipe = tmp.resolve("small.json");
        Files.writeString(recipe, demo.replace("\"readsPerState\": 200", "\"readsPerState\": 60")
                .replace("\"points\": 31", "\"points\": 16").replace("\"pulsesPerPoint\": 700", "\"pulsesPerPoint\": 200"));
        return recipe;
    }

    @Test
    void aMalformedFileIsOneErrorLineNamingItsFileAndLine() throws Exception {
        Files.writeString(tmp.resolve("levels.csv"), "intended_bit,resistance_ohms\n0,1000.0\n1,2000.0,3\n",
                StandardCharsets.US_ASCII);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(out), new PrintWriter(err), "plot", tmp.toString()));
        assertEquals("spinnoise: " + tmp.resolve("levels.csv") + " line 3: 3 fields, but the header names 2 columns",
                err.toString().strip());
    }

    @Test
    void aPlotFailureAfterARunIsOneWarningLineNotAFailure() throws Exception {
        org.spinnoise.run.RunFolder run = org.spinnoise.run.RunFolder.create(tmp, "run");
        run.saveManifest();
        Files.writeString(run.file("sweep.csv"), "write_amplitude_volts,pulses,switched\n0.6,100,x\n",
                StandardCharsets.US_ASCII);
        StringWriter out = new StringWriter();
        RunPlotsOutput.drawAfterRun(new PrintWriter(out), run.dir());
        String[] printed = out.toString().strip().split("\n");
        assertEquals(2, printed.length, out.toString());
        assertTrue(printed[0].startsWith("plots          not drawn, the run is unaffected"), printed[0]);
        assertTrue(printed[0].contains("sweep.csv line 2: switched 'x' is not a number"), printed[0]);
        // the report is still written, and names the plot it could not draw
        assertEquals("report         " + run.file("report.html"), printed[1]);
        assertTrue(Files.readString(run.file("report.html")).contains("switched &#39;x&#39; is not a number"));
    }

    @Test
    void aFolderWithoutPlotInputsSaysSoAndHelpGivesAnExample() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "plot", tmp.toString()));
        assertTrue(out.toString().startsWith("no plots: " + tmp + " holds none of sweep.csv"), out.toString());
        StringWriter help = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(help), new PrintWriter(new StringWriter()), "plot", "--help"));
        assertTrue(help.toString().contains("spinnoise plot runs/"), help.toString());
    }
}
