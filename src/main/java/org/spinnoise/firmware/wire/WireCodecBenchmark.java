package org.spinnoise.firmware.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Core of {@code spinnoise bench wire}: how fast this codec turns wire bytes of full STREAM frames back into bits on
 * one thread, beside two baselines over the same bytes in the same run: CRC-32C alone (a decoder must at least
 * checksum every byte) and {@link System#arraycopy} (touching every byte once). Also times STREAM encoding, what a
 * board emulator pays per frame. Input arrives in 64 KiB chunks, as reads from a serial port would.
 */
public final class WireCodecBenchmark {
    static final int CHUNK_BYTES = 64 * 1024;
    static final int WARM_UP_PASSES = 3;
    static final int TIMED_PASSES = 5;

    /** Figures in Mbit/s; "payload" counts STREAM bits only, "wire" every byte on the wire. */
    public record Result(int frames, int payloadBytesPerFrame, long wireBytes, long payloadBits,
                         double decodePayloadMbitPerS, double decodePayloadMedianMbitPerS,
                         double crc32cWireMbitPerS, double arraycopyWireMbitPerS, double encodePayloadMbitPerS) {

        /** Wire bytes that are not bits, as a percentage of the bits' bytes. */
        public double framingOverheadPercent() {
            return 100.0 * (wireBytes - payloadBits / 8.0) / (payloadBits / 8.0);
        }

        /** Decoding speed in wire bytes, as a fraction of CRC-32C over the same bytes. */
        public double decodeToCrc32c() {
            return decodePayloadMbitPerS * wireBytes * 8.0 / payloadBits / crc32cWireMbitPerS;
        }

        /** One line of JSON with the figures and their units. */
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"wire\",\"frames\":%d,\"stream_payload_bytes\":%d,"
                            + "\"decode_payload_mbit_per_s\":%.1f,\"decode_payload_median_mbit_per_s\":%.1f,"
                            + "\"crc32c_wire_mbit_per_s\":%.1f,\"arraycopy_wire_mbit_per_s\":%.1f,"
                            + "\"encode_payload_mbit_per_s\":%.1f,\"framing_overhead_percent\":%.3f,"
                            + "\"decode_to_crc32c\":%.3f}",
                    frames, payloadBytesPerFrame, decodePayloadMbitPerS, decodePayloadMedianMbitPerS,
                    crc32cWireMbitPerS, arraycopyWireMbitPerS, encodePayloadMbitPerS, framingOverheadPercent(),
                    decodeToCrc32c());
        }
    }

    @FunctionalInterface
    private interface Stage {
        long pass();
    }

    private static long sink;

    private WireCodecBenchmark() {
    }

    /**
     * Encodes about {@code megabytes} MiB of full STREAM frames with {@code payloadBytes} payloads from seeded random
     * bits, then measures each stage.
     *
     * @param progress receives one line per timed pass
     */
    public static Result run(int megabytes, int payloadBytes, Consumer<String> progress) {
        if (megabytes < 1 || megabytes > 1024) {
            throw new IllegalArgumentException("wire benchmark size must be 1..1024 MiB, got " + megabytes);
        }
        Fields.range("STREAM payload size", payloadBytes, WireLimits.MIN_STREAM_PAYLOAD_BYTES,
                WireLimits.MAX_PAYLOAD_BYTES);
        Objects.requireNonNull(progress, "progress");
        int bitsPerFrame = 8 * (payloadBytes - WireLimits.STREAM_FIELD_BYTES);
        byte[] bits = new byte[megabytes << 20];
        new SplittableRandom(0x5eed).nextBytes(bits);
        int frames = bits.length / (bitsPerFrame / 8);
        byte[] wire = new byte[frames * Cobs.maxEncodedBytes(payloadBytes + WireLimits.MIN_FRAME_BYTES) + frames];
        FrameEncoder encoder = new FrameEncoder();
        int wireLength = encodeAll(encoder, bits, frames, bitsPerFrame, wire);
        long payloadBits = (long) frames * bitsPerFrame;
        byte[] scratch = new byte[WireLimits.MAX_WIRE_BYTES];

        double[] decode = measure("decode", payloadBits, () -> decodeAll(wire, wireLength), progress);
        double[] crc = measure("CRC-32C baseline", wireLength * 8L, () -> crc32c(wire, wireLength), progress);
        double[] copy = measure("arraycopy baseline", wireLength * 8L, () -> copy(wire, wireLength), progress);
        double[] encode = measure("encode", payloadBits,
                () -> encodeEach(encoder, bits, frames, bitsPerFrame, scratch), progress);
        return new Result(frames, payloadBytes, wireLength, payloadBits, decode[0], decode[1], crc[0], copy[0],
                encode[0]);
    }

    private static int encodeAll(FrameEncoder encoder, byte[] bits, int frames, int bitsPerFrame, byte[] wire) {
        int at = 0;
        int bytesPerFrame = bitsPerFrame / 8;
        for (int f = 0; f < frames; f++) {
            at += encoder.encodeStream(f & 0xFFFF, (long) f * bitsPerFrame, bitsPerFrame, 0, bitsPerFrame, bits,
                    f * bytesPerFrame, wire, at);
        }
        return at;
    }

    private static long encodeEach(FrameEncoder encoder, byte[] bits, int frames, int bitsPerFrame, byte[] out) {
        long total = 0;
        int bytesPerFrame = bitsPerFrame / 8;
        for (int f = 0; f < frames; f++) {
            total += encoder.encodeStream(f & 0xFFFF, (long) f * bitsPerFrame, bitsPerFrame, 0, bitsPerFrame, bits,
                    f * bytesPerFrame, out, 0);
        }
        return total;
    }

    /** The host's hot path: delimit, undo COBS, check CRC and header, read the STREAM fields in place. */
    private static long decodeAll(byte[] wire, int length) {
        FrameDecoder decoder = new FrameDecoder();
        StreamView view = new StreamView();
        long[] acc = new long[2];
        FrameListener listener = frame -> {
            if (frame.status() != FrameStatus.GOOD) {
                throw new IllegalStateException("benchmark frame decoded as " + frame.status());
            }
            try {
                view.wrap(frame);
            } catch (MessageFormatException e) {
                throw new IllegalStateException("benchmark frame refused: " + e.getMessage(), e);
            }
            acc[0] += view.bitCount();
            acc[1] += view.array()[view.bitsOffset()];
        };
        for (int off = 0; off < length; off += CHUNK_BYTES) {
            decoder.feed(wire, off, Math.min(CHUNK_BYTES, length - off), listener);
        }
        return acc[0] + acc[1];
    }

    private static long crc32c(byte[] wire, int length) {
        CRC32C crc = new CRC32C();
        for (int off = 0; off < length; off += CHUNK_BYTES) {
            crc.update(wire, off, Math.min(CHUNK_BYTES, length - off));
        }
        return crc.getValue();
    }

    private static long copy(byte[] wire, int length) {
        byte[] chunk = new byte[CHUNK_BYTES];
        long acc = 0;
        for (int off = 0; off < length; off += CHUNK_BYTES) {
            int n = Math.min(CHUNK_BYTES, length - off);
            System.arraycopy(wire, off, chunk, 0, n);
            acc += chunk[n - 1];
        }
        return acc;
    }

    /** {best, median} Mbit/s of the timed passes, counting {@code bitsPerPass}. */
    private static double[] measure(String name, long bitsPerPass, Stage stage, Consumer<String> progress) {
        for (int i = 0; i < WARM_UP_PASSES; i++) {
            sink += stage.pass();
        }
        double[] mbitPerS = new double[TIMED_PASSES];
        for (int i = 0; i < TIMED_PASSES; i++) {
            long start = System.nanoTime();
            sink += stage.pass();
            long elapsedNanos = Math.max(1, System.nanoTime() - start);
            mbitPerS[i] = bitsPerPass * 1e3 / elapsedNanos;
            progress.accept(String.format(Locale.ROOT, "%s pass %d/%d: %.1f Mbit/s", name, i + 1, TIMED_PASSES,
                    mbitPerS[i]));
        }
        Arrays.sort(mbitPerS);
        return new double[] {mbitPerS[TIMED_PASSES - 1], mbitPerS[TIMED_PASSES / 2]};
    }
}
