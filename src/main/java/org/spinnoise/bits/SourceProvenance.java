package org.spinnoise.bits;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.scpi.Identity;

/**
 * Where a source's bits came from, for a run's manifest: its kind ("bench per-bit", "board stream", …), the write
 * pulse it started with, and either the instruments by role with their {@code *IDN?} and settings, or the board's
 * HELLO and applied operating point (the other part null).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceProvenance(String kind, PulseShape write, Map<String, Identity> instruments,
                               Map<String, Map<String, Object>> settings, HelloReply board,
                               BoardOperatingPoint boardApplied) {

    public static SourceProvenance bench(String kind, PulseShape write, Map<String, Identity> instruments,
                                         Map<String, Map<String, Object>> settings) {
        return new SourceProvenance(kind, write, instruments, settings, null, null);
    }

    /** A bench source's provenance: both instruments' identities and their settings as they are now. */
    static SourceProvenance ofBench(Bench bench, String kind, PulseShape write) {
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        settings.put("pulse", bench.pulse().settings());
        settings.put("smu", bench.smu().settings());
        return bench(kind, write, Map.of("pulse", bench.pulse().identity(), "smu", bench.smu().identity()), settings);
    }

    public static SourceProvenance board(String kind, PulseShape write, HelloReply hello,
                                         BoardOperatingPoint applied) {
        return new SourceProvenance(kind, write, null, null, hello, applied);
    }
}
