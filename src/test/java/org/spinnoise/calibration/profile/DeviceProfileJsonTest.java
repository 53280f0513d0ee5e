package org.spinnoise.calibration.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles written and read back equal; corrupt, foreign and mismatched files are refused in one line naming the field. */
class DeviceProfileJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aProfileWithEveryPartRoundTrips() throws IOException {
        DeviceProfile full = ProfileExamples.full();
        Path file = DeviceProfiles.save(dir, full);
        assertEquals(dir.resolve("wafer3-d7.json"), file);
        assertEquals(full, DeviceProfiles.read(file));
        assertEquals(full, DeviceProfiles.load(dir, "wafer3-d7"));
        // Writing what was read gives the same text: nothing is lost or reordered.
        String first = Files.readString(file);
        DeviceProfiles.write(file, DeviceProfiles.read(file));
        assertEquals(first, Files.readString(file));
        assertTrue(first.contains("\"goodness_of_fit_p_value\" : 0.95"), first);
        assertTrue(first.contains("\"temperature_kelvin\" : 295.2"), first);
    }

    @Test
    void aProfileWithoutOptionalPartsRoundTripsAndMayLeaveThemOut() throws IOException {
        DeviceProfile bare = ProfileExamples.bare();
        Path file = DeviceProfiles.save(dir, bare);
        assertEquals(bare, DeviceProfiles.read(file));
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        tree.remove("width_map");
        tree.remove("toggle");
        tree.remove("temperature_kelvin");
        JSON.writeValue(file.toFile(), tree);
        DeviceProfile read = DeviceProfiles.read(file);
        assertNull(read.widthMap());
        assertEquals(bare, read);
    }

    @Test
    void theWidthMapLineRecoversAnExactLine() {
        // V50 = 0.52 - 0.05 * log10(w / 1e-8) exactly: the weighted fit must return it.
        var points = java.util.List.of(point(1e-8, 0.52, 0.001), point(3e-8, 0.52 - 0.05 * Math.log10(3), 0.002),
                point(1e-7, 0.47, 0.001));
        ProfileWidthMap map = ProfileWidthMap.of(points);
        assertEquals(-0.05, map.slopeVoltsPerDecade(), 1e-12);
        assertEquals(0.52, map.v50VoltsAt(1e-8), 1e-12);
        assertEquals(0.47, map.v50VoltsAt(1e-7), 1e-12);
        assertTrue(map.slopeStdErrVoltsPerDecade() > 0);
    }

    private static ProfileWidthMap.WidthPoint point(double width, double v50, double se) {
        double half = ProfileSwitchingFit.Z95 * se;
        return new ProfileWidthMap.WidthPoint(width, v50, v50 - half, v50 + half, 0.015);
    }

    @Test
    void aFileThatIsNotJsonIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"format\": 1, \"device\": ");
        assertOneLine(file, "profile " + file + " is not valid JSON");
    }

    @Test
    void aForeignJsonFileIsRefused() throws IOException {
        Path recipe = dir.resolve("recipe.json");
        Files.writeString(recipe, "{\"limits\": {\"maxJunctionVolts\": 1.5}, \"bits\": 100}");
        assertOneLine(recipe, "profile " + recipe + " is not a device profile (no field format)");
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[1, 2, 3]");
        assertOneLine(list, "profile " + list + " is not a device profile (not a JSON object)");
    }

    @Test
    void anotherFormatIsRefusedWithTheVersionThatWroteIt() throws IOException {
        Path file = edited(tree -> tree.put("format", 2));
        assertOneLine(file, "profile " + file + " is format 2, and this spinnoise reads format 1: read it with the "
                + "spinnoise that wrote it (0.1.0 (git 1a2b3c4))");
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        Path file = edited(tree -> ((ObjectNode) tree.get("threshold")).remove("antiparallel_sigma_ohms"));
        assertOneLine(file, "in field threshold");
        assertOneLine(file, "antiparallel_sigma_ohms");
        Path noSwitching = edited(tree -> tree.remove("switching"));
        assertOneLine(noSwitching, "switching");
    }

    @Test
    void anOutOfRangeFieldIsNamed() throws IOException {
        Path file = edited(tree -> ((ObjectNode) tree.get("threshold")).put("parallel_ohms", -5));
        assertOneLine(file, "in field threshold: parallel_ohms must be a positive finite number, got -5.0");
        Path ci = edited(tree -> ((ObjectNode) tree.get("switching")).put("v50_ci_high_volts", 0.5));
        assertOneLine(ci, "must enclose v50_volts");
        Path date = edited(tree -> tree.put("calibrated_at", "yesterday"));
        assertOneLine(date, "calibrated_at must be a UTC time");
        Path point = edited(tree -> ((ObjectNode) tree.get("width_map").get("points").get(1)).put("delta_volts", 0));
        assertOneLine(point, "in field width_map.points[1]: delta_volts must be a positive finite number");
    }

    @Test
    void anAreaInTheWrongUnitIsRefusedAndTheShippedDemoProfileMarksItsAreaSimulated() throws IOException {
        Path microns = edited(tree -> ((ObjectNode) tree.get("area")).put("square_meters", 0.005));
        assertOneLine(microns, "area.square_meters must be in square meters");
        Path unsourced = edited(tree -> ((ObjectNode) tree.get("area")).put("source", ""));
        assertOneLine(unsourced, "area.source must be a non-empty text");
        DeviceProfile demo = DeviceProfiles.read(Path.of("calibration/profiles/demo-junction.json"));
        assertEquals(5.03e-3, demo.area().squareMicrometers(), 1e-12);
        assertTrue(demo.area().source().startsWith("simulated:"), demo.area().source());
    }

    @Test
    void aWrongTypeOrUnknownFieldIsNamed() throws IOException {
        Path type = edited(tree -> ((ObjectNode) tree.get("operating_point")).put("write_amplitude_volts", "high"));
        assertOneLine(type, "in field operating_point.write_amplitude_volts");
        Path unknown = edited(tree -> ((ObjectNode) tree.get("settings")).put("sweep_colour", "blue"));
        assertOneLine(unknown, "in field settings.sweep_colour");
    }

    @Test
    void aMissingProfileSaysHowToMakeOne() {
        IOException e = assertThrows(IOException.class, () -> DeviceProfiles.load(dir, "nobody"));
        assertEquals("there is no profile of device 'nobody' in " + dir + " (no " + dir.resolve("nobody.json")
                + "): make one with spinnoise calibrate --device nobody --profiles " + dir, e.getMessage());
    }

    @Test
    void aFileNamedForAnotherDeviceIsRefused() throws IOException {
        Path file = DeviceProfiles.save(dir, ProfileExamples.full());
        Files.move(file, dir.resolve("other.json"));
        IOException e = assertThrows(IOException.class, () -> DeviceProfiles.load(dir, "other"));
        assertTrue(e.getMessage().contains("field device is 'wafer3-d7', but the file is named for 'other'"),
                e.getMessage());
    }

    @Test
    void deviceNamesThatCannotBeFileNamesAreRefused() {
        for (String bad : new String[] {"../etc/passwd", ".hidden", "a b", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeviceProfiles.fileFor(dir, bad));
            assertTrue(e.getMessage().startsWith("device must be a name of letters"), e.getMessage());
        }
    }

    private Path edited(Consumer<ObjectNode> edit) throws IOException {
        Path file = DeviceProfiles.save(Files.createTempDirectory(dir, "edit"), ProfileExamples.full());
        ObjectNode tree = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(tree);
        JSON.writeValue(file.toFile(), tree);
        return file;
    }

    private static void assertOneLine(Path file, String expected) {
        IOException e = assertThrows(IOException.class, () -> DeviceProfiles.read(file));
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("profile " + file), message);
        assertTrue(message.contains(expected), message);
    }
}
