package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.firmware.wire.WireCodecBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench wire}: payload bits per second the board-protocol codec decodes from full STREAM frames on
 * one core, beside CRC-32C and arraycopy over the same wire bytes in the same run, plus the encoder's rate and the
 * framing overhead.
 */
@Command(name = "wire", description = "Board-protocol codec: STREAM decode and encode rate on one core.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench wire",
                "  spinnoise bench wire --megabytes 16 --payload-bytes 1024"})
final class WireBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--megabytes", paramLabel = "MIB", defaultValue = "64",
            description = "Bits to frame, MiB (default: ${DEFAULT-VALUE}).")
    int megabytes;

    @OptionRange(min = 19, max = 4096)
    @Option(names = "--payload-bytes", paramLabel = "BYTES", defaultValue = "4096",
            description = "STREAM payload per frame, 19..4096 bytes (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WireCodecBenchmark.Result r = WireCodecBenchmark.run(megabytes, payloadBytes, line -> {
            out.println(line);
            out.flush();
        });
        out.printf(Locale.ROOT, "%,d STREAM frames of %d payload bytes, %,d wire bytes, framing overhead %.2f %%%n",
                r.frames(), r.payloadBytesPerFrame(), r.wireBytes(), r.framingOverheadPercent());
        out.printf(Locale.ROOT, "decode   %9.1f Mbit/s of payload (median %.1f)%n", r.decodePayloadMbitPerS(),
                r.decodePayloadMedianMbitPerS());
        out.printf(Locale.ROOT, "baseline %9.1f Mbit/s CRC-32C over the wire bytes (decode runs at %.2f of it)%n",
                r.crc32cWireMbitPerS(), r.decodeToCrc32c());
        out.printf(Locale.ROOT, "baseline %9.1f Mbit/s arraycopy of the wire bytes%n", r.arraycopyWireMbitPerS());
        out.printf(Locale.ROOT, "encode   %9.1f Mbit/s of payload%n", r.encodePayloadMbitPerS());
        out.println(r.json());
        out.flush();
        return 0;
    }
}
