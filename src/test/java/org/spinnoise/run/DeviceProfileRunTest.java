package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.calibration.profile.ProfileOperatingPoint;
import org.spinnoise.calibration.profile.ProfileRecheck;
import org.spinnoise.calibration.profile.ProfileSimulation;
import org.spinnoise.calibration.profile.ProfileSwitchingFit;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.testing.DemoBench;

/**
 * Device profiles end to end on the simulated demo bench: {@code calibrate} writes a profile whose V50 interval holds
 * the simulated junction's; an acquisition with that profile passes its re-check and makes its bits at the profile's
 * operating point; one whose V50 has been shifted is refused before any bit, outputs off.
 */
class DeviceProfileRunTest {
    private static final long BITS = 2_000;

    @TempDir
    static Path dir;

    private static AcquisitionPlan plan;
    private static CalibrationRun.Outcome calibrated;
    private static double trueV50Volts;
    private static double trueDeltaVolts;
    private static long junctionPulses;
    private static boolean outputsOffAfterCalibration;

    @BeforeAll
    static void calibrateOnce() throws Exception {
        plan = SmallPlans.demoWith(BITS);
        try (DemoBench bench = DemoBench.start(41); Bench connected = bench.connect()) {
            trueV50Volts = bench.sim.junction(0).v50VoltsAt(plan.sweep().widthSeconds()) - plan.read().biasVolts();
            trueDeltaVolts = bench.sim.junction(0).deltaVolts();
            RunFolder folder = RunFolder.create(dir.resolve("runs"), "calibrate-demo");
            folder.update(m -> m.withBench(BenchSection.real(bench.address("pulse"), bench.address("smu"))));
            calibrated = new CalibrationRun(connected, plan, new CalibrationRun.Device("demo", null,
                    new ProfileSimulation("built-in demo", 41, trueV50Volts, trueDeltaVolts)),
                    dir.resolve("profiles"), folder, bench.wire, new RunListener() { }, RunStopper.never()).run();
            junctionPulses = bench.sim.junction(0).pulsesApplied();
            outputsOffAfterCalibration = !bench.sim.outputOn("pulse", 1) && !bench.sim.outputOn("pulse", 2)
                    && !bench.sim.outputOn("smu", 1);
        }
    }

    @Test
    void calibrateWritesAProfileWhoseIntervalsHoldTheSimulatedJunction() throws Exception {
        DeviceProfile profile = calibrated.profile();
        assertEquals(dir.resolve("profiles").resolve("demo.json"), calibrated.profileFile());
        assertEquals(profile, DeviceProfiles.load(dir.resolve("profiles"), "demo"));
        assertEquals(profile, DeviceProfiles.read(calibrated.runFolder().resolve(CalibrationRun.PROFILE_FILE)));
        ProfileSwitchingFit fit = profile.switching();
        assertTrue(fit.v50CiLowVolts() <= trueV50Volts && trueV50Volts <= fit.v50CiHighVolts(),
                "true V50 " + trueV50Volts + " outside " + fit.v50CiLowVolts() + " .. " + fit.v50CiHighVolts());
        assertTrue(fit.deltaCiLowVolts() <= trueDeltaVolts && trueDeltaVolts <= fit.deltaCiHighVolts(),
                "true delta " + trueDeltaVolts + " outside " + fit.deltaCiLowVolts() + " .. " + fit.deltaCiHighVolts());
        assertEquals(fit.v50Volts(), profile.operatingPoint().writeAmplitudeVolts());
        assertEquals(2, profile.instruments().size());
        assertEquals("33622A", profile.instrument("pulse").model());
        assertFalse(profile.instrument("smu").settings().isEmpty());
        // Every pulse the simulated junction felt is counted in the profile.
        assertEquals(junctionPulses, profile.calibrationPulses());
        assertTrue(outputsOffAfterCalibration);

        RunManifest m = RunFolder.open(calibrated.runFolder()).manifest();
        assertEquals("complete", m.status());
        assertEquals("calibration", m.run().kind());
        assertEquals("written", m.profile().action());
        assertEquals(calibrated.profileFile().toString(), m.profile().file());
        assertNull(m.acquisition());
        assertTrue(m.run().safeState().values().stream().allMatch(s -> s.startsWith("off")), m.run().toString());
        assertTrue(Files.size(calibrated.runFolder().resolve("sweep.csv")) > 0);
    }

    @Test
    void aGoodProfilePassesItsRecheckAndTheBitsAreMadeAtItsOperatingPoint() throws Exception {
        DeviceProfile profile = calibrated.profile();
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "with-profile");
        RunSummary summary;
        long pulses;
        try (DemoBench bench = DemoBench.start(43); Bench connected = bench.connect()) {
            summary = new ProfiledAcquisition(connected, plan, profile, calibrated.profileFile(),
                    ProfileRecheck.Plan.DEFAULT, folder, bench.wire, new RunListener() { }, RunStopper.never()).run();
            pulses = bench.sim.junction(0).pulsesApplied();
        }
        assertEquals(BITS, summary.bits());
        assertEquals(profile.operatingPoint().writeAmplitudeVolts(), summary.operatingAmplitudeVolts());
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", m.status());
        assertEquals(Boolean.TRUE, m.profile().trusted());
        assertEquals("loaded", m.profile().action());
        assertTrue(m.profile().recheck().startsWith("profile demo ("), m.profile().recheck());
        assertTrue(m.profile().recheck().endsWith("trusted"), m.profile().recheck());
        assertEquals(ProfileRecheck.Plan.DEFAULT.pulses(), m.profile().recheckPulses());
        // The junction felt the re-check's pulses and a reset and a write per bit, nothing else: no calibration.
        assertEquals(ProfileRecheck.Plan.DEFAULT.pulses() + 2 * BITS, pulses);
        assertEquals(profile.operatingPoint().toOperatingPoint(), m.calibration().operatingPoint());
        assertEquals(profile.threshold().toThreshold(), m.calibration().levels().threshold());
        assertEquals(4, Files.readAllLines(folder.file(ProfiledAcquisition.CHECK_FILE)).size());
        assertEquals(1 + 2 * ProfileRecheck.Plan.DEFAULT.readsPerState(),
                Files.readAllLines(folder.file(ProfiledAcquisition.LEVELS_FILE)).size());
    }

    @Test
    void aProfileWhoseV50HasMovedIsRefusedBeforeAnyBit() throws Exception {
        DeviceProfile moved = shiftedV50(calibrated.profile(), 0.02);
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "moved");
        long pulses;
        try (DemoBench bench = DemoBench.start(47); Bench connected = bench.connect()) {
            ProfiledAcquisition run = new ProfiledAcquisition(connected, plan, moved, calibrated.profileFile(),
                    ProfileRecheck.Plan.DEFAULT, folder, bench.wire, new RunListener() { }, RunStopper.never());
            CalibrationException e = assertThrows(CalibrationException.class, run::run);
            assertTrue(e.getMessage().startsWith("device demo has moved since its profile was made"), e.getMessage());
            assertTrue(e.getMessage().endsWith("calibrate it again: spinnoise calibrate --device demo --profiles "
                    + dir.resolve("profiles") + " (or let acquire do it: --recalibrate-if-moved)"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            pulses = bench.sim.junction(0).pulsesApplied();
            assertFalse(bench.sim.outputOn("pulse", 1) || bench.sim.outputOn("pulse", 2)
                    || bench.sim.outputOn("smu", 1), "an output was left on");
        }
        assertEquals(ProfileRecheck.Plan.DEFAULT.pulses(), pulses, "only the re-check's pulses");
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        assertEquals("failed", m.status());
        assertEquals(Boolean.FALSE, m.profile().trusted());
        assertTrue(m.profile().recheck().contains("MOVED: ones "), m.profile().recheck());
        assertTrue(m.profile().recheck().contains("where the profile predicts 0.500"), m.profile().recheck());
        assertNull(m.acquisition());
        assertEquals(0, m.bits());
    }

    @Test
    void aMovedDeviceIsRecalibratedWhenAskedAndItsProfileReplaced() throws Exception {
        Path file = DeviceProfiles.save(dir.resolve("moved-profiles"), shiftedV50(calibrated.profile(), 0.02));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "recalibrated");
        RunSummary summary;
        long pulses;
        try (DemoBench bench = DemoBench.start(53); Bench connected = bench.connect()) {
            folder.update(m -> m.withBench(BenchSection.real(bench.address("pulse"), bench.address("smu"))));
            summary = new ProfiledAcquisition(connected, plan, DeviceProfiles.read(file), file,
                    ProfileRecheck.Plan.DEFAULT, ProfiledAcquisition.IfMoved.RECALIBRATE, folder, bench.wire,
                    new RunListener() { }, RunStopper.never()).run();
            pulses = bench.sim.junction(0).pulsesApplied();
        }
        assertEquals(BITS, summary.bits());
        DeviceProfile fresh = DeviceProfiles.read(file);
        assertEquals(fresh, DeviceProfiles.read(folder.file(CalibrationRun.PROFILE_FILE)));
        assertTrue(fresh.switching().v50CiLowVolts() <= trueV50Volts
                && trueV50Volts <= fresh.switching().v50CiHighVolts(), fresh.switching().toString());
        assertEquals(fresh.operatingPoint().writeAmplitudeVolts(), summary.operatingAmplitudeVolts());
        assertEquals(ProfileRecheck.Plan.DEFAULT.pulses() + fresh.calibrationPulses() + 2 * BITS, pulses);
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", m.status());
        assertEquals("recalibrated", m.profile().action());
        assertEquals(Boolean.FALSE, m.profile().trusted());
        assertTrue(m.profile().recheck().contains("MOVED"), m.profile().recheck());
        assertEquals(fresh.calibratedAt(), m.profile().calibratedAt());
    }

    @Test
    void aRecipeThatReadsOtherwiseThanTheProfileIsRefused() throws Exception {
        AcquisitionPlan other = new AcquisitionPlan(plan.limits(), plan.wiring(), new ReadBias(0.05,
                plan.read().currentLimitAmps(), plan.read().nplc()), plan.reset(), plan.levels(), plan.sweep(),
                plan.bits(), plan.health(), plan.seed(), plan.scheme(), plan.reconnect());
        String refusal = ProfiledAcquisition.mismatch(other, calibrated.profile());
        assertNotNull(refusal);
        assertTrue(refusal.startsWith("the recipe's read bias"), refusal);
        assertTrue(refusal.endsWith("spinnoise calibrate --device demo"), refusal);
        assertNull(ProfiledAcquisition.mismatch(plan, calibrated.profile()));
    }

    /** The same profile with its curve and operating point moved up by {@code volts}. */
    static DeviceProfile shiftedV50(DeviceProfile p, double volts) {
        ProfileSwitchingFit f = p.switching();
        ProfileSwitchingFit fit = new ProfileSwitchingFit(f.widthSeconds(), f.v50Volts() + volts,
                f.v50StdErrVolts(), f.v50CiLowVolts() + volts, f.v50CiHighVolts() + volts, f.deltaVolts(),
                f.deltaStdErrVolts(), f.deltaCiLowVolts(), f.deltaCiHighVolts(), f.deviance(), f.degreesOfFreedom(),
                f.goodnessOfFitPValue());
        ProfileOperatingPoint o = p.operatingPoint();
        ProfileOperatingPoint point = new ProfileOperatingPoint(o.writeAmplitudeVolts() + volts, o.writeWidthSeconds(),
                o.resetAmplitudeVolts(), o.resetWidthSeconds(), o.targetProbability(), o.predictedProbabilityStdErr());
        return new DeviceProfile(p.format(), p.device(), p.calibratedAt(), p.temperatureKelvin(), p.codeVersion(),
                p.runFolder(), p.instruments(), p.settings(), p.threshold(), fit, p.widthMap(), point, p.toggle(),
                p.calibrationPulses(), p.simulation(), p.area());
    }
}
