package org.spinnoise.calibration.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made profiles for the unit tests: one with every optional part, one without any. */
final class ProfileExamples {
    private ProfileExamples() {
    }

    static DeviceProfile full() {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("amplitude_volts", 0.53);
        channel.put("burst_cycles", 1);
        Map<String, Object> pulseSettings = new LinkedHashMap<>();
        pulseSettings.put("channel_1", channel);
        pulseSettings.put("output_load", "INF (high impedance)");
        List<ProfileInstrument> instruments = List.of(
                new ProfileInstrument("pulse", "TCPIP::127.0.0.1::5025::SOCKET", "Keysight Technologies", "33622A",
                        "MY00000002", "A.02.03", pulseSettings),
                new ProfileInstrument("smu", "TCPIP::127.0.0.1::5026::SOCKET", "KEITHLEY INSTRUMENTS INC.",
                        "MODEL 2450", "0445300", "1.0.0i", Map.of("nplc", 0.1, "buffer_points", 2500L)));
        ProfileSettings settings = new ProfileSettings(1.5, 1e-3, 1, 2, 0.1, 2e-4, 0.1, -1.0, 2e-8, 0.9, 200, 0.4,
                0.7, 31, 700, 2e-8, 1);
        ProfileThreshold threshold = new ProfileThreshold(2000, 20, 4200, 42, 2709.7, 2650, 2770, 1.1, 1e-20);
        ProfileSwitchingFit fit = new ProfileSwitchingFit(2e-8, 0.5055, 4.7e-4, 0.5046, 0.5064, 0.0152, 2.6e-4,
                0.0147, 0.0157, 17.7, 29, 0.95);
        ProfileWidthMap map = ProfileWidthMap.of(List.of(
                new ProfileWidthMap.WidthPoint(1e-8, 0.520, 0.519, 0.521, 0.015),
                new ProfileWidthMap.WidthPoint(2e-8, 0.5055, 0.5046, 0.5064, 0.0152),
                new ProfileWidthMap.WidthPoint(5e-8, 0.485, 0.484, 0.486, 0.016)));
        ProfileOperatingPoint point = new ProfileOperatingPoint(0.5055, 2e-8, -1.0, 2e-8, 0.5, 0.0077);
        ProfileToggle toggle = new ProfileToggle(0.7, 1.1e-9, 0.5, 0.01, 2.2e-9);
        return new DeviceProfile(DeviceProfile.FORMAT, "wafer3-d7", "2026-12-07T05:01:02Z", 295.2,
                "0.1.0 (git 1a2b3c4)", "runs/20261207-050102-calibrate-wafer3-d7", instruments, settings, threshold,
                fit, map, point, toggle, 44_000, new ProfileSimulation("built-in demo", 7, 0.505, 0.015),
                new ProfileArea(5.03e-15, "design value: 80 nm circular pillar"));
    }

    static DeviceProfile bare() {
        DeviceProfile f = full();
        return new DeviceProfile(f.format(), "bare", f.calibratedAt(), null, f.codeVersion(), null, f.instruments(),
                f.settings(), f.threshold(), f.switching(), null, f.operatingPoint(), null, f.calibrationPulses(),
                null, null);
    }
}
