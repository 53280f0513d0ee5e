package org.spinnoise.bits;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.HelloReply;
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

    public static SourceProvenance board(String kind, PulseShape write, HelloReply hello,
                                         BoardOperatingPoint applied) {
        return new SourceProvenance(kind, write, null, null, hello, applied);
    }
}
