package org.spinnoise.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.Threshold;
import org.spinnoise.bits.ToggleBenchSource;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ToggleCalibration;
import org.spinnoise.calibration.ToggleMap;
import org.spinnoise.calibration.ToggleMapPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;

/**
 * The stages of a calibrate-and-acquire run in the toggle scheme, after the threshold: the toggle calibration on the
 * bench ({@link ToggleCalibration} through a {@link ToggleBenchSource}; its reads in {@code toggle-reads.csv}, the map
 * in {@code toggle-map.csv}, the figures in {@code toggle-calibration.json}), the operating point in the manifest
 * (with the toggle curve's local equivalent sigmoid as its fit), then the acquisition of toggle bits through the
 * {@link AcquisitionEngine}.
 */
final class ToggleStages {
    private static final Logger LOG = LoggerFactory.getLogger(ToggleStages.class);
    static final String MAP_FILE = "toggle-map.csv";
    static final String FIGURES_FILE = "toggle-calibration.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ToggleStages() {
    }

    static RunSummary run(Bench bench, AcquisitionPlan plan, Threshold threshold, RunFolder folder,
                          RunListener listener, RunStopper stopper) throws IOException {
        ToggleMapPlan map = plan.switching().toggle();
        listener.stage(String.format("measuring the toggle map: %d widths x %d amplitudes, then the amplitude at the "
                + "first flat top", map.widthPoints(), map.amplitudePoints()));
        ToggleCalibration.Result calibration;
        try (BatchRecorder reads = BatchRecorder.readsOnly(folder.file("toggle-reads.csv"));
             ToggleBenchSource source = ToggleBenchSource.start(bench, new PulseShape(map.minVolts(),
                     map.minWidthSeconds()), threshold, stopper::stopRequested)) {
            calibration = ToggleCalibration.run(source, map, plan.limits().maxJunctionVolts(), plan.seed(), batch -> {
                try {
                    reads.accept(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, listener::sweepPoint, stopper::stopRequested);
        }
        writeMap(folder, calibration.map());
        JSON.writeValue(folder.file(FIGURES_FILE).toFile(), calibration.figures());
        LOG.info("toggle calibration: {}", calibration.figures());
        SigmoidFitResult fit = calibration.equivalentSigmoid();
        OperatingPoint point = new OperatingPoint(calibration.write(), plan.reset());
        folder.update(m -> m.withCalibration(m.calibration().withSweep(fit, point)));
        folder.saveManifest();

        listener.stage(String.format("acquiring %,d toggle bits at %.4f V x %.4g s (period %.4g s, predicted p = "
                + "0.5 +- %.3f)", plan.bits(), point.write().amplitudeVolts(), point.write().widthSeconds(),
                calibration.precession().periodSeconds(), calibration.probabilityStdErr()));
        listener.acquisitionStarting(plan.bits());
        BenchAcquisition.acquire(bench, plan, point, threshold, fit, folder, listener, stopper, 0);
        return BenchAcquisition.summary(folder, threshold, fit, point);
    }

    private static void writeMap(RunFolder folder, ToggleMap map) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.file(MAP_FILE), StandardCharsets.US_ASCII)) {
            out.write("write_width_seconds,write_amplitude_volts,pulses,toggled\n");
            for (ToggleMap.Cell c : map.cells()) {
                out.write(c.widthSeconds() + "," + c.amplitudeVolts() + "," + c.pulses() + "," + c.toggled() + "\n");
            }
        }
    }
}
