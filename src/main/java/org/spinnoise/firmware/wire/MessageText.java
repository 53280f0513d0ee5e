package org.spinnoise.firmware.wire;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one-line text form of a frame used by the golden vectors (firmware-protocol/vectors/frames.txt) and the wire
 * log: {@code TYPE seq=N flags=N key=value…} with keys in spec order, integers in decimal ({@code 0x…} for masks),
 * bits as lowercase hex, ASCII strings with bytes outside 0x21…0x7E and {@code %} written as {@code %XX}. A corrupt
 * frame reads {@code !STATUS}, a good frame with a bad payload {@code !ERRORCODE}.
 */
public final class MessageText {
    private static final HexFormat HEX = HexFormat.of();

    /** A parsed line: the message and the header it was sent with. */
    public record Parsed(Message message, int seq) {
    }

    private MessageText() {
    }

    /** The text of a frame as a receiver sees it: the message, or what is wrong with the frame. */
    public static String describe(Frame frame) {
        if (frame.status() != FrameStatus.GOOD) {
            return "!" + frame.status().name();
        }
        try {
            return render(Messages.decode(frame), frame.seq());
        } catch (MessageFormatException e) {
            return "!" + e.code().name();
        }
    }

    /** The text of {@code message} sent with {@code seq}. */
    public static String render(Message m, int seq) {
        StringBuilder s = new StringBuilder(m.type().name()).append(" seq=").append(seq).append(" flags=")
                .append(m.flags());
        if (m instanceof Hello h) {
            s.append(" version=").append(h.version()).append(" max_payload=").append(h.maxPayloadBytes());
        } else if (m instanceof HelloReply r) {
            s.append(" version=").append(r.version()).append(" serial=").append(escape(r.serial()))
                    .append(" firmware=").append(escape(r.firmware())).append(" junctions=").append(r.junctions())
                    .append(" write_dac_bits=").append(r.writeDacBits()).append(" write_dac_full_scale_mv=")
                    .append(r.writeDacFullScaleMillivolts()).append(" read_dac_bits=").append(r.readDacBits())
                    .append(" read_dac_full_scale_mv=").append(r.readDacFullScaleMillivolts())
                    .append(" min_pulse_ps=").append(r.minPulsePicoseconds()).append(" max_pulse_ps=")
                    .append(r.maxPulsePicoseconds()).append(" max_stream_payload=").append(r.maxStreamPayloadBytes())
                    .append(" pulses_per_second=").append(r.pulsesPerSecond());
        } else if (m instanceof Configure c) {
            settings(s, c.settings());
        } else if (m instanceof ConfigureAck c) {
            settings(s, c.settings());
        } else if (m instanceof Start st) {
            s.append(" stream_payload=").append(st.streamPayloadBytes()).append(" frame_limit=")
                    .append(st.frameLimit());
        } else if (m instanceof Stream st) {
            s.append(" first_bit=").append(st.firstBit()).append(" pulses_fired=").append(st.pulsesFired())
                    .append(" ambiguous_reads=").append(st.ambiguousReads()).append(" bits=").append(st.bitCount())
                    .append(" data=").append(HEX.formatHex(st.bits()));
        } else if (m instanceof Credit c) {
            s.append(" frame_limit=").append(c.frameLimit());
        } else if (m instanceof StatusReply r) {
            s.append(" temperature_centi_c=").append(r.temperatureCentiCelsius()).append(" error_flags=")
                    .append(r.errorFlags()).append(" uptime_ms=").append(r.uptimeMillis()).append(" corrupt_frames=")
                    .append(r.corruptFramesReceived()).append(" bits_streamed=").append(r.bitsStreamed());
        } else if (m instanceof ErrorReply e) {
            s.append(" code=").append(e.code().code()).append(" request_seq=").append(e.requestSeq())
                    .append(" message=").append(escape(e.message()));
        }
        return s.toString();
    }

    private static void settings(StringBuilder s, BoardSettings b) {
        s.append(String.format(Locale.ROOT, " junction_mask=0x%08X", b.junctionMask())).append(" write_code=")
                .append(b.writeCode()).append(" write_width_ps=").append(b.writeWidthPicoseconds())
                .append(" reset_code=").append(b.resetCode()).append(" reset_width_ps=")
                .append(b.resetWidthPicoseconds()).append(" read_delay_ns=").append(b.readDelayNanoseconds())
                .append(" threshold_code=").append(b.thresholdCode()).append(" guard_band_codes=")
                .append(b.guardBandCodes());
    }

    /** Parses the text of a good frame; throws IllegalArgumentException naming what is wrong. */
    public static Parsed parse(String line) {
        String[] tokens = line.trim().split(" +");
        MessageType type;
        try {
            type = MessageType.valueOf(tokens[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown message type '" + tokens[0] + "' in: " + line);
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + tokens[i] + "' in: " + line);
            }
            f.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
        }
        Fields fields = new Fields(f, line);
        int seq = (int) fields.num("seq");
        int flags = (int) fields.num("flags");
        Message m = switch (type) {
            case HELLO -> new Hello((int) fields.num("version"), (int) fields.num("max_payload"));
            case HELLO_REPLY -> new HelloReply((int) fields.num("version"), fields.text("serial"),
                    fields.text("firmware"), (int) fields.num("junctions"), (int) fields.num("write_dac_bits"),
                    (int) fields.num("write_dac_full_scale_mv"), (int) fields.num("read_dac_bits"),
                    (int) fields.num("read_dac_full_scale_mv"), fields.num("min_pulse_ps"),
                    fields.num("max_pulse_ps"), (int) fields.num("max_stream_payload"),
                    fields.num("pulses_per_second"));
            case CONFIGURE -> new Configure(settings(fields));
            case CONFIGURE_ACK -> new ConfigureAck(settings(fields));
            case START -> new Start((int) fields.num("stream_payload"), fields.num("frame_limit"));
            case START_ACK -> new StartAck();
            case STREAM -> new Stream(fields.num("first_bit"), fields.num("pulses_fired"),
                    fields.num("ambiguous_reads"), (int) fields.num("bits"), HEX.parseHex(fields.raw("data")));
            case CREDIT -> new Credit(fields.num("frame_limit"));
            case STOP -> new Stop();
            case STOP_ACK -> new StopAck();
            case STATUS -> new StatusRequest();
            case STATUS_REPLY -> new StatusReply((int) fields.num("temperature_centi_c"), fields.num("error_flags"),
                    fields.num("uptime_ms"), fields.num("corrupt_frames"), fields.num("bits_streamed"));
            case ERROR -> new ErrorReply(ErrorCode.ofCode((int) fields.num("code")), flags == MessageType.FLAG_REPLY,
                    (int) fields.num("request_seq"), fields.text("message"));
        };
        if (!f.isEmpty()) {
            throw new IllegalArgumentException("unexpected fields " + f.keySet() + " in: " + line);
        }
        if (m.flags() != flags) {
            throw new IllegalArgumentException("flags=" + flags + " contradicts the message in: " + line);
        }
        return new Parsed(m, seq);
    }

    private static BoardSettings settings(Fields f) {
        return new BoardSettings(f.num("junction_mask"), (int) f.num("write_code"), f.num("write_width_ps"),
                (int) f.num("reset_code"), f.num("reset_width_ps"), f.num("read_delay_ns"),
                (int) f.num("threshold_code"), (int) f.num("guard_band_codes"));
    }

    /** Writes printable ASCII as is, other bytes and '%' as %XX, so a string never holds a space. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x20 && c < 0x7F && c != '%') {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "%%%02X", (int) c));
            }
        }
        return out.toString();
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                // A '%' cut short at the end was a StringIndexOutOfBoundsException (fuzz finding 4).
                if (i + 3 > s.length()) {
                    throw new IllegalArgumentException("'%' must be followed by two hex digits, in '" + s + "'");
                }
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Takes fields out of the parsed map one by one, so leftovers can be reported. */
    private record Fields(Map<String, String> map, String line) {
        String raw(String key) {
            String v = map.remove(key);
            if (v == null) {
                throw new IllegalArgumentException("missing " + key + "= in: " + line);
            }
            return v;
        }

        long num(String key) {
            String v = raw(key);
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        }

        String text(String key) {
            return unescape(raw(key));
        }
    }
}
