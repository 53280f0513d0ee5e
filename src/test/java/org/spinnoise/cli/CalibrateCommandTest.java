package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * {@code spinnoise calibrate} and {@code --device} from the command line: calibrating the simulated bench writes a
 * profile that {@code demo --device} then re-checks and trusts; a missing profile and contradictory options are
 * refused in one line.
 */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void calibrateWritesAProfileThatTheDemoRechecksAndUses() throws Exception {
        Path recipe = smallRecipe();
        Path profiles = dir.resolve("profiles");
        Path runs = dir.resolve("runs");
        Outcome calibrated = run("calibrate", "--simulated", "--seed", "5", "--device", "cli-dev", "--profiles",
                profiles.toString(), "--runs", runs.toString(), "--recipe", recipe.toString(),
                "--temperature-kelvin", "296.5");
        assertEquals(0, calibrated.code(), calibrated.out() + calibrated.err());
        Path file = profiles.resolve("cli-dev.json");
        assertTrue(calibrated.out().contains("profile        " + file), calibrated.out());
        DeviceProfile profile = DeviceProfiles.read(file);
        assertEquals(296.5, profile.temperatureKelvin());
        assertEquals(5, profile.simulation().seed());

        Outcome used = run("demo", "--seed", "9", "--device", "cli-dev", "--profiles", profiles.toString(), "--runs",
                runs.toString(), "--recipe", recipe.toString(), "--bits", "1000", "--no-pool", "--images", "0");
        assertEquals(0, used.code(), used.out() + used.err());
        assertTrue(used.out().contains("* profile cli-dev (" + file + ", calibrated " + profile.calibratedAt()
                + "), re-checked with 2,460 pulses: "), used.out());
        assertTrue(used.out().contains(": trusted"), used.out());
    }

    @Test
    void aMissingProfileIsRefusedBeforeAnyInstrumentIsOpened() {
        Path profiles = dir.resolve("none");
        Outcome refused = run("acquire", "--pulse", "TCPIP::127.0.0.1::1::SOCKET", "--smu",
                "TCPIP::127.0.0.1::2::SOCKET", "--device", "nobody", "--profiles", profiles.toString(), "--runs",
                dir.resolve("runs").toString(), "--no-pool");
        assertEquals(1, refused.code());
        assertEquals(List.of("spinnoise: there is no profile of device 'nobody' in " + profiles + " (no "
                + profiles.resolve("nobody.json") + "): make one with spinnoise calibrate --device nobody --profiles "
                + profiles), refused.err().lines().toList());
        assertTrue(Files.notExists(dir.resolve("runs")), "no run folder for a refused profile");
    }

    @Test
    void contradictoryBenchOptionsAndBadNamesAreUsageErrors() {
        Outcome both = run("calibrate", "--simulated", "--pulse", "TCPIP::127.0.0.1::1::SOCKET", "--device", "x");
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("spinnoise calibrate: give the bench by --pulse ADDRESS and --smu ADDRESS, or "
                + "calibrate the simulated bench with --simulated"), both.err());
        assertEquals(2, both.err().lines().count(), "one line and where to look: " + both.err());
        Outcome badName = run("calibrate", "--simulated", "--device", "../x");
        assertEquals(2, badName.code());
        assertTrue(badName.err().startsWith("spinnoise calibrate: --device: device must be a name of letters"),
                badName.err());
        Outcome help = run("calibrate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("spinnoise calibrate --simulated --device demo-junction"), help.out());
    }

    private Path smallRecipe() throws Exception {
        Path recipe = dir.resolve("recipe.json");
        AcquisitionPlan demo = AcquisitionPlan.demo();
        new ObjectMapper().writeValue(recipe.toFile(), new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(),
                demo.reset(), new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 200,
                        demo.sweep().widthSeconds()), 1000, demo.health(), 1,
                new AcquisitionPlan.SchemePlan("per-bit", 1, 1000)));
        return recipe;
    }

}
