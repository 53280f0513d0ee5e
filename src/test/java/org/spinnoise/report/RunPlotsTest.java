package org.spinnoise.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run plot from synthetic run-folder files: the right size, not blank, the data's colours where the data say,
 * the same bytes every time, and malformed files refused with their file and line.
 */
class RunPlotsTest {
    @TempDir
    Path dir;

    @Test
    void everyPlotWhoseInputIsPresentIsDrawnWithoutADisplay() throws IOException {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests must run headless, as CI does");
        SyntheticRun.writeAll(dir);
        List<Path> written = RunPlots.writeAll(dir);
        assertEquals(List.of("switching-curve.png", "width-map.png", "resistance-histogram.png", "tracking.png",
                "toggle-map.png"), written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path png : written) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(Figure.WIDTH, image.getWidth(), png.toString());
            assertEquals(png.endsWith("tracking.png") ? TrackingPlot.HEIGHT : Figure.HEIGHT, image.getHeight());
            assertTrue(Pixels.distinctColours(image) > 30, png + " looks blank");
            assertTrue(Pixels.nonWhiteFraction(image) > 0.05, png + " is nearly all white");
        }
    }

    @Test
    void theSameFilesGiveTheSameBytes() throws IOException {
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        SyntheticRun.writeAll(first);
        SyntheticRun.writeAll(second);
        List<Path> a = RunPlots.writeAll(first);
        List<Path> b = RunPlots.writeAll(second);
        assertEquals(5, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
        }
        // and drawing again over the files already there changes nothing
        byte[] before = Files.readAllBytes(a.get(0));
        RunPlots.writeAll(first);
        assertArrayEquals(before, Files.readAllBytes(a.get(0)));
    }

    @Test
    void theSwitchingCurveShowsTheFitItsBandThePointsAndV50() throws IOException {
        SyntheticRun.sweep(dir, true);
        Figure figure = SwitchingCurvePlot.figure(CsvTable.read(dir.resolve("sweep.csv")), ManifestFacts.read(dir));
        BufferedImage image = figure.render();
        PlotArea area = figure.area(0);
        for (double v : new double[] {0.58, 0.60, 0.635, 0.66}) {
            double p = SyntheticRun.logistic((v - SyntheticRun.V50) / SyntheticRun.DELTA);
            assertTrue(Pixels.near(image, area.px(v), area.py(p), 2, SwitchingCurvePlot.CURVE, 30),
                    "fitted curve missing at " + v + " V, p " + p);
            // well above the curve at that amplitude is neither curve nor band
            assertFalse(Pixels.near(image, area.px(v), area.py(Math.min(1, p + 0.3)), 1, SwitchingCurvePlot.CURVE, 30));
        }
        // the band: light blue just beside the curve
        Color band = new Color(image.getRGB((int) area.px(0.60), (int) area.py(0.17)));
        assertTrue(band.getBlue() > band.getRed() + 20 && band.getRed() < 245, "no band at 0.60 V: " + band);
        // V50 from the fitted curve's crossing of 1/2 (no manifest here): a dashed red column at 0.62 V
        Rectangle plot = area.bounds();
        int column = (int) Math.round(area.px(SyntheticRun.V50));
        int red = Math.max(Pixels.exactInColumn(image, column, plot.y + 30, plot.y + plot.height - 1, SwitchingCurvePlot.V50),
                Pixels.exactInColumn(image, column - 1, plot.y + 30, plot.y + plot.height - 1, SwitchingCurvePlot.V50));
        assertTrue(red > plot.height / 3, "V50 line: " + red + " red pixels in column " + column);
        assertEquals(0, Pixels.exactInColumn(image, (int) area.px(0.60), plot.y + 30, plot.y + plot.height - 1,
                SwitchingCurvePlot.V50));
        // the lowest point, 0.56 V, with its error bar
        assertTrue(Pixels.near(image, area.px(0.56), area.py(0.02), 4, SwitchingCurvePlot.POINTS, 40));
    }

    @Test
    void todaysSweepColumnsAreDrawnWithoutABandAndTheManifestsV50IsMarked() throws IOException {
        SyntheticRun.sweep(dir, false);
        // as today's manifest writes them: its own fields snake_case, the nested fit record's in Java names
        SyntheticRun.write(dir, "manifest.json", "{\"format\": 2, \"plan\": {\"sweep\": {\"widthSeconds\": 2e-08}}, "
                + "\"calibration\": {\"threshold_ohms\": 1324.0, "
                + "\"sweep_fit\": {\"v50Volts\": 0.63, \"v50StdErrVolts\": 0.002}}}");
        assertEquals(2e-8, ManifestFacts.read(dir).sweepWidthSeconds(), 0);
        Figure figure = SwitchingCurvePlot.figure(CsvTable.read(dir.resolve("sweep.csv")), ManifestFacts.read(dir));
        BufferedImage image = figure.render();
        PlotArea area = figure.area(0);
        Color noBand = new Color(image.getRGB((int) area.px(0.60), (int) area.py(0.17)));
        assertTrue(noBand.getRed() > 225 && noBand.getGreen() > 225, "a band drawn without band columns: " + noBand);
        Rectangle plot = area.bounds();
        int column = (int) Math.round(area.px(0.63));
        int red = Math.max(Pixels.exactInColumn(image, column, plot.y + 30, plot.y + plot.height - 1, SwitchingCurvePlot.V50),
                Pixels.exactInColumn(image, column - 1, plot.y + 30, plot.y + plot.height - 1, SwitchingCurvePlot.V50));
        assertTrue(red > plot.height / 3, "the manifest's V50 (0.63 V) is not marked");
        assertTrue(Pixels.near(image, area.px(0.60), area.py(SyntheticRun.logistic(-20.0 / 15)), 2,
                SwitchingCurvePlot.CURVE, 30));
    }

    @Test
    void theHistogramShowsTheStatesTheirComponentsTheThresholdAndTheGuardBand() throws IOException {
        SyntheticRun.levels(dir);
        SyntheticRun.threshold(dir);
        Figure figure = ResistanceHistogramPlot.figure(CsvTable.read(dir.resolve("levels.csv")),
                CsvTable.read(dir.resolve("threshold.csv")), ManifestFacts.read(dir));
        BufferedImage image = figure.render();
        PlotArea area = figure.area(0);
        Rectangle plot = area.bounds();
        int column = (int) Math.round(area.px(SyntheticRun.THRESHOLD));
        int line = Math.max(Pixels.exactInColumn(image, column, plot.y + 30, plot.y + plot.height - 1,
                ResistanceHistogramPlot.THRESHOLD_LINE), Pixels.exactInColumn(image, column - 1, plot.y + 30,
                plot.y + plot.height - 1, ResistanceHistogramPlot.THRESHOLD_LINE));
        assertTrue(line > (plot.height - 31) * 9 / 10, "threshold column has only " + line + " line pixels");
        // the guard band: pink, between the guard edges and away from the line; white just outside it
        Color guard = new Color(image.getRGB((int) area.px(1305), plot.y + plot.height / 2));
        assertTrue(guard.getRed() > 240 && guard.getGreen() < 235 && guard.getBlue() < 235, "guard band: " + guard);
        Color outside = new Color(image.getRGB((int) area.px(1280), plot.y + plot.height / 2));
        assertTrue(outside.getGreen() > 225, "shading outside the guard band: " + outside);
        // bars of both states near the bottom, and the P component's peak above its bars' middle
        assertTrue(Pixels.near(image, area.px(1000), area.py(3), 3, ResistanceHistogramPlot.PARALLEL, 60));
        assertTrue(Pixels.near(image, area.px(2000), area.py(3), 3, ResistanceHistogramPlot.ANTIPARALLEL, 60));
        double binWidth = ResistanceHistogramPlot.binWidth(readsOf(dir), SyntheticRun.THRESHOLD, 1100);
        double peak = 350 * binWidth / (SyntheticRun.P_SIGMA * Math.sqrt(2 * Math.PI));
        assertTrue(Pixels.near(image, area.px(1000), area.py(peak), 3, ResistanceHistogramPlot.PARALLEL.darker(), 30),
                "P component's peak not at " + peak + " reads per bin");
    }

    @Test
    void withoutThresholdCsvTheHistogramTakesTheManifestsThreshold() throws IOException {
        SyntheticRun.levels(dir);
        SyntheticRun.write(dir, "manifest.json", "{\"calibration\": {\"threshold_ohms\": 1500.0, \"levels\": {"
                + "\"parallel\": {\"medianOhms\": 1000.0, \"sigmaOhms\": 12.0}, "
                + "\"antiparallel\": {\"medianOhms\": 2000.0, \"sigmaOhms\": 25.0}}}}");
        Figure figure = ResistanceHistogramPlot.figure(CsvTable.read(dir.resolve("levels.csv")), null,
                ManifestFacts.read(dir));
        BufferedImage image = figure.render();
        PlotArea area = figure.area(0);
        Rectangle plot = area.bounds();
        int column = (int) Math.round(area.px(1500));
        assertTrue(Pixels.exactInColumn(image, column, plot.y + 30, plot.y + plot.height - 1,
                ResistanceHistogramPlot.THRESHOLD_LINE) > plot.height / 2);
        // each state's normal from the manifest, scaled to the reads meant for that state (300 of each)
        double binWidth = ResistanceHistogramPlot.binWidth(readsOf(dir), 1500, 1100);
        double peak = 300 * binWidth / (SyntheticRun.AP_SIGMA * Math.sqrt(2 * Math.PI));
        assertTrue(Pixels.near(image, area.px(2000), area.py(peak), 3, ResistanceHistogramPlot.ANTIPARALLEL.darker(),
                30), "AP normal's peak not at " + peak + " reads per bin");
    }

    @Test
    void theWidthMapColoursEachCellByItsFractionAndDrawsV50OverIt() throws IOException {
        SyntheticRun.widthMap(dir);
        Figure figure = WidthMapPlot.figure(CsvTable.read(dir.resolve("width-map.csv")),
                CsvTable.read(dir.resolve("width-map-fit.csv")));
        BufferedImage image = figure.render();
        PlotArea area = figure.area(0);
        // 1.2 V at 1 ns always switches; 0.3 V at 100 ns almost never does (p = 0.009)
        assertEquals(Palette.map(1).getRGB(), image.getRGB((int) area.px(1e-9), (int) area.py(1.2)));
        assertTrue(Pixels.close(image.getRGB((int) area.px(1e-7), (int) area.py(0.3)), Palette.map(0), 8));
        assertFalse(Pixels.close(image.getRGB((int) area.px(1e-7), (int) area.py(0.8)), Palette.map(0), 8));
        for (double w : SyntheticRun.MAP_WIDTHS) {
            assertTrue(Pixels.near(image, area.px(w), area.py(SyntheticRun.mapV50(w)), 2, WidthMapPlot.V50, 30),
                    "V50 missing at " + w + " s");
        }
    }

    @Test
    void theToggleMapFollowsTheOscillation() throws IOException {
        SyntheticRun.toggleMap(dir);
        Figure figure = ToggleMapPlot.figure(CsvTable.read(dir.resolve("toggle-map.csv")));
        BufferedImage image = figure.render();
        PlotArea area = figure.area(0);
        // at 0.8 V the period is 1 ns: full toggle at 0.5 ns, none at 1.0 ns
        assertEquals(Palette.map(1).getRGB(), image.getRGB((int) area.px(0.5e-9), (int) area.py(0.8)));
        assertEquals(Palette.map(0).getRGB(), image.getRGB((int) area.px(1.0e-9), (int) area.py(0.8)));
    }

    @Test
    void trackingShowsTheBiasAndEveryAdjustment() throws IOException {
        SyntheticRun.tracking(dir);
        Figure figure = TrackingPlot.figure(CsvTable.read(dir.resolve("tracking.csv")));
        BufferedImage image = figure.render();
        PlotArea bias = figure.area(0);
        PlotArea amplitude = figure.area(1);
        // the time axis is in minutes for a 30-minute log
        assertEquals("min", bias.x().unit());
        for (int i : new int[] {5, 12, 31}) {
            double b = 0.004 * Math.sin(i / 4.0);
            assertTrue(Pixels.near(image, bias.px(i * 0.5), bias.py(b), 2, TrackingPlot.BIAS, 30), "bias at row " + i);
        }
        for (int k = 1; k <= 5; k++) {
            double minutes = 5.0 * k;
            assertTrue(Pixels.near(image, amplitude.px(minutes), amplitude.py(0.62 - 0.002 * k), 2,
                    TrackingPlot.ADJUSTMENT, 20), "adjustment " + k + " not marked");
        }
        // no adjustment mark where the amplitude held
        assertFalse(Pixels.near(image, amplitude.px(7.5), amplitude.py(0.618), 2, TrackingPlot.ADJUSTMENT, 20));
    }

    @Test
    void trackingDrawsOneColourPerJunction() throws IOException {
        StringBuilder csv = new StringBuilder("bit_index,time_seconds,junction,window_bits,window_ones,bias,"
                + "bias_stderr,write_amplitude_volts,adjusted\n");
        for (int i = 0; i < 20; i++) {
            // junction 0 runs high (bias +0.006), junction 1 low (-0.006), rows interleaved as a tracker writes them
            csv.append(i * 1000).append(',').append(2.0 * i).append(",0,1000,506,0.006,0.001,0.62,0\n");
            csv.append(i * 1000).append(',').append(2.0 * i).append(",1,1000,494,-0.006,0.001,0.70,")
                    .append(i == 10 ? 1 : 0).append('\n');
        }
        SyntheticRun.write(dir, "tracking.csv", csv);
        Figure figure = TrackingPlot.figure(CsvTable.read(dir.resolve("tracking.csv")));
        BufferedImage image = figure.render();
        PlotArea bias = figure.area(0);
        assertEquals("s", bias.x().unit());
        assertTrue(Pixels.near(image, bias.px(13), bias.py(0.006), 1, Palette.series(0), 20));
        assertTrue(Pixels.near(image, bias.px(13), bias.py(-0.006), 1, Palette.series(1), 20));
        assertFalse(Pixels.near(image, bias.px(13), bias.py(-0.006), 1, Palette.series(0), 20));
        PlotArea amplitude = figure.area(1);
        assertTrue(Pixels.near(image, amplitude.px(8), amplitude.py(0.62), 1, Palette.series(0), 20));
        assertTrue(Pixels.near(image, amplitude.px(8), amplitude.py(0.70), 1, Palette.series(1), 20));
        assertTrue(Pixels.near(image, amplitude.px(20), amplitude.py(0.70), 1, Palette.series(1), 20));
    }

    @Test
    void aMalformedCsvIsRefusedNamingItsFileAndLineAndTheOtherPlotsAreStillDrawn() throws IOException {
        SyntheticRun.levels(dir);
        SyntheticRun.write(dir, "sweep.csv", "write_amplitude_volts,pulses,switched,fraction,fitted_probability\n"
                + "0.6,100,40,0.4,0.42\n0.61,100,45,0.45,0.48\n0.62,100,abc,0.5,0.5\n");
        PlotInputException e = assertThrows(PlotInputException.class, () -> RunPlots.writeAll(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("sweep.csv") + " line 4: switched 'abc' is not a number"),
                e.getMessage());
        assertTrue(Files.exists(dir.resolve("resistance-histogram.png")));
        assertFalse(Files.exists(dir.resolve("switching-curve.png")));

        SyntheticRun.write(dir, "sweep.csv", "write_amplitude_volts,pulses,switched\n0.6,100,40\n0.61,100\n");
        assertTrue(assertThrows(PlotInputException.class, () -> RunPlots.writeAll(dir)).getMessage()
                .contains("sweep.csv line 3: 2 fields, but the header names 3 columns"));
        SyntheticRun.write(dir, "sweep.csv", "write_amplitude_volts,pulses\n0.6,100\n");
        assertTrue(assertThrows(PlotInputException.class, () -> RunPlots.writeAll(dir)).getMessage()
                .contains("sweep.csv line 1: no column switched"));
        SyntheticRun.write(dir, "sweep.csv", "write_amplitude_volts,pulses,switched\n0.6,100,140\n");
        assertTrue(assertThrows(PlotInputException.class, () -> RunPlots.writeAll(dir)).getMessage()
                .contains("sweep.csv line 2: switched 140.0 exceeds pulses 100.0"));
        Files.delete(dir.resolve("sweep.csv"));
        SyntheticRun.write(dir, "tracking.csv", "bit_index,time_seconds,junction,window_bits,window_ones,bias,"
                + "bias_stderr,write_amplitude_volts,adjusted\n0,1.0,0,100,50,0.0,0.01,0.62,2\n");
        assertTrue(assertThrows(PlotInputException.class, () -> RunPlots.writeAll(dir)).getMessage()
                .contains("tracking.csv line 2: adjusted 2.0 must be 0 or 1"));
    }

    @Test
    void anArrayRunGetsEachJunctionsPlotsBesideItsFiles() throws IOException {
        Path scratch = Files.createDirectory(dir.resolve("scratch"));
        SyntheticRun.sweep(scratch, false);
        SyntheticRun.levels(scratch);
        for (String junction : new String[] {"0", "2"}) {
            Files.copy(scratch.resolve("sweep.csv"), dir.resolve("junction-" + junction + "-sweep.csv"));
            Files.copy(scratch.resolve("levels.csv"), dir.resolve("junction-" + junction + "-levels.csv"));
        }
        SyntheticRun.tracking(dir);
        assertEquals(List.of("", "junction-0-", "junction-2-"), RunPlots.prefixes(dir));
        assertEquals(List.of("tracking.png", "junction-0-switching-curve.png", "junction-0-resistance-histogram.png",
                "junction-2-switching-curve.png", "junction-2-resistance-histogram.png"),
                RunPlots.writeAll(dir).stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aFolderWithoutInputsGetsNoPlotsAndANonFolderIsRefused() throws IOException {
        assertEquals(List.of(), RunPlots.writeAll(dir));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        IOException e = assertThrows(IOException.class, () -> RunPlots.writeAll(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
    }

    private static double[] readsOf(Path dir) throws IOException {
        return CsvTable.read(dir.resolve("levels.csv")).column("resistance_ohms");
    }
}
