#!/usr/bin/python3
"""Writes frames.txt, the golden vectors of the spinnoise board protocol v1 (see ../PROTOCOL.md).

An implementation independent of the Java and C codecs: bitwise CRC-32C, COBS and the message layouts written
again from PROTOCOL.md, standard library only. Run: /usr/bin/python3 generate.py > frames.txt
"""
import random
import struct
import sys

# ---- CRC-32C, bit by bit (reflected polynomial 0x82F63B78) -------------------------------------------------------
def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF

assert crc32c(b"123456789") == 0xE3069283

# ---- COBS, canonical (no empty block after a final full block) --------------------------------------------------
def cobs_encode(data):
    out, block = bytearray(), bytearray()
    for i, b in enumerate(data):
        if b == 0:
            out.append(len(block) + 1); out += block; block = bytearray()
        else:
            block.append(b)
            if len(block) == 254:
                out.append(255); out += block; block = bytearray()
                if i == len(data) - 1:
                    return bytes(out)
    out.append(len(block) + 1); out += block
    return bytes(out)

def frame_bytes(type_code, flags, seq, payload, length=None):
    body = struct.pack("<BBHH", type_code, flags, seq, len(payload) if length is None else length) + payload
    return body + struct.pack("<I", crc32c(body))

def wire(type_code, flags, seq, payload, length=None):
    return cobs_encode(frame_bytes(type_code, flags, seq, payload, length)) + b"\x00"

# ---- reference receiver: the checks of PROTOCOL.md section 2.3 in order ------------------------------------------------
TYPES = {0x01: "HELLO", 0x02: "CONFIGURE", 0x03: "START", 0x04: "CREDIT", 0x05: "STOP", 0x06: "STATUS",
         0x81: "HELLO_REPLY", 0x82: "CONFIGURE_ACK", 0x83: "START_ACK", 0x84: "STREAM", 0x85: "STOP_ACK",
         0x86: "STATUS_REPLY", 0xBF: "ERROR"}
REPLIES = {0x81, 0x82, 0x83, 0x85, 0x86}
MAX_FRAME = 4106

def check_frame(encoded):
    """Status of the bytes between two delimiters (not empty)."""
    out, i, n = bytearray(), 0, len(encoded)
    while i < n:
        code = encoded[i]
        if i + code > n:
            # A block running past the end; but a frame already too long is OVERSIZED first.
            return "OVERSIZED" if len(out) + (n - i - 1) > MAX_FRAME else "BAD_COBS"
        out += encoded[i + 1:i + code]
        i += code
        if code != 255 and i < n:
            out.append(0)
        if len(out) > MAX_FRAME:
            return "OVERSIZED"
    if len(out) < 10:
        return "TRUNCATED"
    length = out[4] | out[5] << 8
    if length > 4096:
        return "OVERSIZED"
    if len(out) - 10 < length:
        return "TRUNCATED"
    if len(out) - 10 > length:
        return "LENGTH_MISMATCH"
    if crc32c(out[:-4]) != struct.unpack("<I", out[-4:])[0]:
        return "BAD_CRC"
    if out[0] not in TYPES:
        return "UNKNOWN_TYPE"
    flags = out[1]
    ok = flags in (0, 1) if out[0] == 0xBF else flags == (1 if out[0] in REPLIES else 0)
    return "GOOD" if ok else "BAD_FLAGS"

def frame_statuses(stream):
    return [check_frame(part) for part in stream.split(b"\x00")[:-1] if part]

# ---- messages: payload layouts of PROTOCOL.md section 4, and the text form the vectors use --------------------------------
def esc(s):
    return "".join(c if 0x20 < ord(c) < 0x7F and c != "%" else "%%%02X" % ord(c) for c in s)

def pad16(s):
    assert 1 <= len(s) <= 16 and all(0x20 <= ord(c) < 0x7F for c in s), s
    return s.encode("ascii").ljust(16, b"\x00")

FIXED = {  # type: (code, flags, [(key, struct format)])
    "HELLO": (0x01, 0, [("version", "B"), ("max_payload", "H")]),
    "HELLO_REPLY": (0x81, 1, [("version", "B"), ("serial", "16s"), ("firmware", "16s"), ("junctions", "B"),
                              ("write_dac_bits", "B"), ("write_dac_full_scale_mv", "H"), ("read_dac_bits", "B"),
                              ("read_dac_full_scale_mv", "H"), ("min_pulse_ps", "I"), ("max_pulse_ps", "I"),
                              ("max_stream_payload", "H"), ("pulses_per_second", "I")]),
    "START": (0x03, 0, [("stream_payload", "H"), ("frame_limit", "I")]),
    "START_ACK": (0x83, 1, []),
    "CREDIT": (0x04, 0, [("frame_limit", "I")]),
    "STOP": (0x05, 0, []),
    "STOP_ACK": (0x85, 1, []),
    "STATUS": (0x06, 0, []),
    "STATUS_REPLY": (0x86, 1, [("temperature_centi_c", "h"), ("error_flags", "I"), ("uptime_ms", "I"),
                               ("corrupt_frames", "I"), ("bits_streamed", "Q")]),
}
SETTINGS = [("junction_mask", "I"), ("write_code", "H"), ("write_width_ps", "I"), ("reset_code", "H"),
            ("reset_width_ps", "I"), ("read_delay_ns", "I"), ("threshold_code", "H"), ("guard_band_codes", "H")]
FIXED["CONFIGURE"] = (0x02, 0, SETTINGS)
FIXED["CONFIGURE_ACK"] = (0x82, 1, SETTINGS)

def fmt_value(key, value):
    if key == "junction_mask":
        return "0x%08X" % value
    if isinstance(value, str):
        return esc(value)
    return str(value)

def message(name, seq, **fields):
    """(type code, flags, seq, payload, text) of a valid message."""
    if name == "STREAM":
        bits, data = fields["bits"], fields["data"]
        payload = struct.pack("<QIIH", fields["first_bit"], fields["pulses_fired"], fields["ambiguous_reads"],
                              bits) + data
        text = "STREAM seq=%d flags=0 first_bit=%d pulses_fired=%d ambiguous_reads=%d bits=%d data=%s" % (
            seq, fields["first_bit"], fields["pulses_fired"], fields["ambiguous_reads"], bits, data.hex())
        return 0x84, 0, seq, payload, text
    if name == "ERROR":
        flags = 1 if fields["answers"] else 0
        msg = fields["message"]
        payload = struct.pack("<BHB", fields["code"], fields["request_seq"], len(msg)) + msg.encode("ascii")
        text = "ERROR seq=%d flags=%d code=%d request_seq=%d message=%s" % (
            seq, flags, fields["code"], fields["request_seq"], esc(msg))
        return 0xBF, flags, seq, payload, text
    code, flags, layout = FIXED[name]
    payload, text = b"", "%s seq=%d flags=%d" % (name, seq, flags)
    for key, f in layout:
        v = fields.pop(key)
        payload += struct.pack("<" + f, pad16(v) if f == "16s" else v)
        text += " %s=%s" % (key, fmt_value(key, v))
    assert not fields, fields
    return code, flags, seq, payload, text

VECTORS = []

def good(name, msg, note):
    code, flags, seq, payload, text = msg
    w = wire(code, flags, seq, payload)
    assert frame_statuses(w) == ["GOOD"], (name, frame_statuses(w))
    VECTORS.append((name, "both", w, text, note))

def decode_only(name, w, expected, note):
    VECTORS.append((name, "decode", w, expected, note))

def corrupt(name, w, fault, note):
    """A vector whose frames fail the frame checks; the reference receiver must agree with the expectation."""
    statuses = [f[1:] if f.startswith("!") else "GOOD" for f in fault.split(" ; ")]
    assert frame_statuses(w) == statuses, (name, frame_statuses(w))
    VECTORS.append((name, "decode", w, fault, note))

# ---- the vectors -------------------------------------------------------------------------------------------------
BOARD = dict(version=1, serial="SN-0001", firmware="1.0.0", junctions=4, write_dac_bits=12,
             write_dac_full_scale_mv=1800, read_dac_bits=12, read_dac_full_scale_mv=3300, min_pulse_ps=100,
             max_pulse_ps=10_000_000, max_stream_payload=4096, pulses_per_second=20_000_000)
SET = dict(junction_mask=0x3, write_code=1877, write_width_ps=1_500_000, reset_code=2048, reset_width_ps=2_000_000,
           read_delay_ns=50, threshold_code=1240, guard_band_codes=8)

def define():
    good("hello", message("HELLO", 0, version=1, max_payload=4096),
         "the host opens a session: version 1, accepts payloads up to 4096 bytes")
    good("hello-smallest-payload-limit", message("HELLO", 0, version=1, max_payload=64),
         "the smallest payload limit a host may announce")
    good("hello-reply", message("HELLO_REPLY", 0, **BOARD), "a 4-junction board with 12-bit DACs")
    good("hello-reply-largest-values",
         message("HELLO_REPLY", 0, version=1, serial="ABCDEFGHIJKLMNOP", firmware="fw 2.10 (rc1) 9%", junctions=32,
                 write_dac_bits=16, write_dac_full_scale_mv=65535, read_dac_bits=16, read_dac_full_scale_mv=65535,
                 min_pulse_ps=4294967295, max_pulse_ps=4294967295, max_stream_payload=4096,
                 pulses_per_second=4294967295),
         "every field at its largest; both strings fill all 16 bytes (no padding); space and % are escaped")
    good("hello-reply-smallest-values",
         message("HELLO_REPLY", 0, version=1, serial="1", firmware="0", junctions=1, write_dac_bits=8,
                 write_dac_full_scale_mv=1, read_dac_bits=8, read_dac_full_scale_mv=1, min_pulse_ps=1, max_pulse_ps=1,
                 max_stream_payload=19, pulses_per_second=1),
         "every field at its smallest")
    good("configure", message("CONFIGURE", 1, **SET), "junctions 0 and 1, 1.5 ns write pulse, 2 ns reset pulse")
    good("configure-largest-values",
         message("CONFIGURE", 2, junction_mask=0xFFFFFFFF, write_code=65535, write_width_ps=4294967295,
                 reset_code=65535, reset_width_ps=4294967295, read_delay_ns=4294967295, threshold_code=65535,
                 guard_band_codes=65535),
         "every field at its largest (a board refuses what exceeds its own limits with ERROR 2)")
    good("configure-smallest-values",
         message("CONFIGURE", 3, junction_mask=0x80000000, write_code=0, write_width_ps=1, reset_code=0,
                 reset_width_ps=1, read_delay_ns=0, threshold_code=0, guard_band_codes=0),
         "every field at its smallest; only junction 31 selected")
    good("configure-ack", message("CONFIGURE_ACK", 1, **dict(SET, write_width_ps=1_504_000)),
         "the board applied the settings, rounding the write width to its 8 ns timer")
    good("start", message("START", 4, stream_payload=4096, frame_limit=16),
         "stream full 4096-byte payloads (32624 bits each), up to 16 frames before more credit")
    good("start-smallest-payload-no-credit", message("START", 5, stream_payload=19, frame_limit=0),
         "one byte of bits per frame; no credit yet, the board waits for CREDIT")
    good("start-ack", message("START_ACK", 2), "empty payload, reply flag set")
    good("stream-three-bits", message("STREAM", 3, first_bit=0, pulses_fired=3, ambiguous_reads=1, bits=3,
                                      data=bytes([0b10100000])),
         "bits 1 0 1, most significant bit first; unused low bits zero")
    good("stream-one-bit-largest-index", message("STREAM", 4, first_bit=2**63 - 1, pulses_fired=4294967295,
                                                 ambiguous_reads=4294967295, bits=1, data=bytes([0x80])),
         "first bit index and counters at their largest; one bit")
    rnd = random.Random(2026)
    full = bytes(rnd.randrange(1, 256) for _ in range(4078))
    good("stream-largest", message("STREAM", 5, first_bit=32624, pulses_fired=32624, ambiguous_reads=0,
                                   bits=32624, data=full),
         "the largest frame: payload 4096 bytes, 32624 bits, no zero byte among them")
    good("stream-largest-all-zero-bits", message("STREAM", 6, first_bit=65248, pulses_fired=40000,
                                                 ambiguous_reads=123, bits=32624, data=bytes(4078)),
         "4078 zero bytes: COBS turns every one into a code byte")
    good("credit", message("CREDIT", 6, frame_limit=48), "the board may send STREAM frames 0..47 of this stream")
    good("credit-largest-limit", message("CREDIT", 7, frame_limit=4294967295),
         "the limit counts modulo 2^32 (section 6)")
    good("stop", message("STOP", 8), "empty payload")
    good("stop-ack", message("STOP_ACK", 9), "sent after the last STREAM frame")
    good("status", message("STATUS", 9), "empty payload")
    good("status-reply", message("STATUS_REPLY", 10, temperature_centi_c=-1234, error_flags=0b0101,
                                 uptime_ms=86_400_000, corrupt_frames=3, bits_streamed=1 << 40),
         "-12.34 degC, DAC fault and over-temperature")
    good("status-reply-no-sensor", message("STATUS_REPLY", 11, temperature_centi_c=-32768, error_flags=15,
                                           uptime_ms=4294967295, corrupt_frames=4294967295,
                                           bits_streamed=2**63 - 1),
         "no temperature sensor (-32768), every error flag, counters at their largest")
    good("error-answering", message("ERROR", 12, code=3, answers=True, request_seq=65535,
                                    message="CONFIGURE while streaming"),
         "answers the request whose seq was 65535 (a real seq: bit 0 of flags says it answers one)")
    good("error-unsolicited", message("ERROR", 13, code=4, answers=False, request_seq=65535, message=""),
         "a corrupt frame was received; answers no request, empty message")
    good("error-longest-message", message("ERROR", 14, code=6, answers=True, request_seq=0,
                                          message="".join(chr(0x20 + i % 95) for i in range(255))),
         "255 characters, every printable ASCII character")
    good("seq-65535", message("CREDIT", 65535, frame_limit=1), "the last seq before wrap-around")
    good("seq-0-after-wrap", message("CREDIT", 0, frame_limit=2), "the seq after 65535")
    # A frame whose last block is exactly one full COBS block (254 non-zero bytes): no empty block follows it.
    text = next(t for t in ("run254-%03d" % k + "x" * 236 for k in range(1000))
                if 0 not in frame_bytes(0xBF, 1, 0x0101, struct.pack("<BHB", 2, 0x0101, 246) + t.encode())[-4:])
    assert len(text) == 246
    good("cobs-full-block-at-end", message("ERROR", 0x0101, code=2, answers=True, request_seq=0x0101, message=text),
         "the 254 bytes after the length field are non-zero: the frame ends with a full 0xFF block, no 0x01 after")
    run254 = wire(*message("ERROR", 0x0101, code=2, answers=True, request_seq=0x0101, message=text)[:4])
    assert run254[-256] == 0xFF
    decode_only("cobs-empty-block-after-full-block", run254[:-1] + b"\x01\x00",
                message("ERROR", 0x0101, code=2, answers=True, request_seq=0x0101, message=text)[4],
                "the same frame from an encoder that adds an empty 0x01 block: receivers accept it")

    hello = wire(*message("HELLO", 0, version=1, max_payload=4096)[:4])
    hello_text = message("HELLO", 0, version=1, max_payload=4096)[4]
    decode_only("leading-delimiters", b"\x00\x00" + hello, hello_text,
                "empty frames between delimiters are padding, not errors")
    decode_only("only-delimiters", b"\x00\x00\x00", "none", "nothing but padding: no frame at all")
    seqs = [message("CREDIT", s, frame_limit=s + 1) for s in (65534, 65535, 0, 1)]
    decode_only("seq-wrap-sequence", b"".join(wire(*m[:4]) for m in seqs), " ; ".join(m[4] for m in seqs),
                "four frames in a row across the wrap: 65534 65535 0 1, none lost")
    credit = wire(*message("CREDIT", 6, frame_limit=48)[:4])
    credit_text = message("CREDIT", 6, frame_limit=48)[4]

    frame = bytearray(frame_bytes(0x01, 0, 0, struct.pack("<BH", 1, 4096)))
    frame[-1] ^= 0xFF
    corrupt("bad-crc", cobs_encode(frame) + b"\x00", "!BAD_CRC", "HELLO with the last CRC byte inverted")
    flipped = bytearray(credit)
    flipped[7] ^= 0x04
    corrupt("flipped-bit", bytes(flipped), "!BAD_CRC", "CREDIT with bit 2 of its limit flipped on the wire")
    corrupt("truncated-below-header", cobs_encode(frame_bytes(0x05, 0, 1, b"")[:7]) + b"\x00", "!TRUNCATED",
            "7 bytes: fewer than a header and CRC")
    corrupt("truncated-payload", cobs_encode(frame_bytes(0x04, 0, 1, b"\x30\x00\x00", length=4)) + b"\x00",
            "!TRUNCATED", "length says 4 bytes of payload, 3 arrived (CRC over what arrived)")
    corrupt("cut-short-mid-block", credit[:7] + b"\x00", "!BAD_COBS",
            "CREDIT cut after 7 wire bytes by a delimiter: its last COBS block (code 02) runs past the end")
    corrupt("cut-short-at-block-end", credit[:6] + b"\x00", "!TRUNCATED",
            "CREDIT cut after 6 wire bytes, where a block ends: 5 decoded bytes, fewer than a header and CRC")
    corrupt("length-mismatch", cobs_encode(frame_bytes(0x05, 0, 1, b"\x00", length=0)) + b"\x00",
            "!LENGTH_MISMATCH", "STOP whose length says 0 but which carries one byte")
    corrupt("oversized-length-field", cobs_encode(frame_bytes(0x84, 0, 1, b"\x11" * 20, length=4097)) + b"\x00",
            "!OVERSIZED", "length field 4097, above the 4096-byte payload limit")
    corrupt("oversized-on-the-wire", b"\x01" + b"\x42" * 4200 + b"\x00" + credit, "!OVERSIZED ; " + credit_text,
            "4201 non-zero bytes, more than any frame; the receiver discards them and resynchronises")
    zero_inside = bytearray(credit)
    zero_inside[5:5] = b"\x00"
    corrupt("zero-inside", bytes(zero_inside), "!BAD_COBS ; !TRUNCATED",
            "CREDIT with a 0x00 inserted after 5 bytes: two pieces, neither a frame")
    corrupt("garbage-then-delimiter", b"\x13\x37\xFF\x00" + credit, "!BAD_COBS ; " + credit_text,
            "line noise ended by a delimiter costs nothing but itself")
    corrupt("garbage-without-delimiter", b"\x02\x41" + credit, "!BAD_CRC",
            "noise glued to the front of a frame spoils that frame: decoded 41 00 04 00 06 00 ..., 16 bytes whose "
            "length field (6) happens to fit, so only the CRC tells")
    corrupt("unknown-type", wire(0x07, 0, 1, b""), "!UNKNOWN_TYPE", "type 0x07 is not defined in version 1")
    corrupt("unknown-board-type", wire(0x80, 1, 1, b"\x01\x02"), "!UNKNOWN_TYPE", "type 0x80 is not defined")
    corrupt("reserved-flag-bit", wire(0x05, 0x02, 1, b""), "!BAD_FLAGS", "STOP with flags bit 1 set")
    corrupt("reply-without-reply-flag", wire(0x85, 0x00, 1, b""), "!BAD_FLAGS", "STOP_ACK must have flags bit 0 set")
    corrupt("request-with-reply-flag", wire(0x06, 0x01, 1, b""), "!BAD_FLAGS", "STATUS must have flags 0")
    corrupt("stream-with-reply-flag", wire(0x84, 0x01, 1, struct.pack("<QIIH", 0, 1, 0, 1) + b"\x80"),
            "!BAD_FLAGS", "STREAM answers no request")

    def payload_fault(name, code, flags, seq, payload, fault, note):
        w = wire(code, flags, seq, payload)
        assert frame_statuses(w) == ["GOOD"], name
        decode_only(name, w, fault, note)

    payload_fault("wrong-version-hello", 0x01, 0, 0, struct.pack("<BH", 2, 4096), "!UNSUPPORTED_VERSION",
                  "HELLO of version 2: a v1 board answers ERROR 5")
    payload_fault("wrong-version-hello-longer", 0x01, 0, 0, struct.pack("<BHH", 2, 4096, 7),
                  "!UNSUPPORTED_VERSION", "version is checked before size: a future HELLO may be longer")
    payload_fault("wrong-version-hello-reply", 0x81, 1, 0, b"\x00" + message("HELLO_REPLY", 0, **BOARD)[3][1:],
                  "!UNSUPPORTED_VERSION", "a board speaking version 0: the host stops with a clear error")
    payload_fault("bad-size-configure", 0x02, 0, 1, message("CONFIGURE", 1, **SET)[3][:-1], "!BAD_SIZE",
                  "CONFIGURE with 23 bytes instead of 24: ERROR 7")
    payload_fault("bad-size-stream", 0x84, 0, 1, struct.pack("<QIIH", 0, 9, 0, 9) + b"\x80", "!BAD_SIZE",
                  "9 bits need 2 bytes, 1 came")
    payload_fault("bad-size-error", 0xBF, 1, 1, struct.pack("<BHB", 2, 0, 5) + b"abc", "!BAD_SIZE",
                  "message length 5, 3 bytes present")
    payload_fault("out-of-range-hello", 0x01, 0, 0, struct.pack("<BH", 1, 63), "!OUT_OF_RANGE",
                  "a host payload limit of 63 bytes, below 64")
    payload_fault("out-of-range-no-junction", 0x02, 0, 1,
                  message("CONFIGURE", 1, **dict(SET, junction_mask=0))[3], "!OUT_OF_RANGE",
                  "junction mask 0 selects nothing")
    payload_fault("out-of-range-zero-width", 0x02, 0, 1,
                  message("CONFIGURE", 1, **dict(SET, write_width_ps=0))[3], "!OUT_OF_RANGE",
                  "a write pulse of 0 ps")
    payload_fault("out-of-range-start", 0x03, 0, 1, struct.pack("<HI", 18, 1), "!OUT_OF_RANGE",
                  "a STREAM payload of 18 bytes holds no bit")
    payload_fault("out-of-range-unused-bits", 0x84, 0, 1, struct.pack("<QIIH", 0, 3, 0, 3) + b"\xB0",
                  "!OUT_OF_RANGE", "3 bits, but the unused low bits of the last byte are not 0")
    payload_fault("out-of-range-fewer-pulses-than-bits", 0x84, 0, 1, struct.pack("<QIIH", 0, 2, 0, 3) + b"\xA0",
                  "!OUT_OF_RANGE", "3 bits from 2 pulses")
    payload_fault("out-of-range-ambiguous", 0x84, 0, 1, struct.pack("<QIIH", 0, 3, 4, 3) + b"\xA0",
                  "!OUT_OF_RANGE", "4 ambiguous reads among 3 pulses")
    payload_fault("out-of-range-first-bit", 0x84, 0, 1, struct.pack("<QIIH", 2**63, 1, 0, 1) + b"\x80",
                  "!OUT_OF_RANGE", "first bit index 2^63")
    payload_fault("out-of-range-status-flags", 0x86, 1, 1, struct.pack("<hIIIQ", 2500, 16, 1, 0, 0),
                  "!OUT_OF_RANGE", "error flag bit 4 is reserved")
    payload_fault("out-of-range-error-code", 0xBF, 1, 1, struct.pack("<BHB", 9, 1, 0), "!OUT_OF_RANGE",
                  "ERROR code 9 is not defined")
    payload_fault("out-of-range-unsolicited-error-seq", 0xBF, 0, 1, struct.pack("<BHB", 4, 7, 0), "!OUT_OF_RANGE",
                  "an ERROR that answers no request must carry request_seq 65535")
    payload_fault("out-of-range-error-4-answering", 0xBF, 1, 1, struct.pack("<BHB", 4, 1, 0), "!OUT_OF_RANGE",
                  "ERROR 4 answers no request, so flags bit 0 must be 0 (section 4.10)")
    payload_fault("out-of-range-error-3-unsolicited", 0xBF, 0, 1, struct.pack("<BHB", 3, 65535, 0),
                  "!OUT_OF_RANGE", "ERROR 3 always answers a request, so flags bit 0 must be 1 (section 4.10)")
    payload_fault("out-of-range-stream-no-bits", 0x84, 0, 1, struct.pack("<QIIH", 0, 0, 0, 0), "!OUT_OF_RANGE",
                  "n = 0: the 18-byte size matches 18 + ceil(0/8), then the bit count is out of range")
    payload_fault("bad-size-stream-no-bits", 0x84, 0, 1, struct.pack("<QIIH", 0, 1, 0, 0) + b"\x00", "!BAD_SIZE",
                  "n = 0 with one byte of bits: the size is checked first, against 18 + ceil(0/8)")
    payload_fault("out-of-range-serial-padding", 0x81, 1, 0,
                  message("HELLO_REPLY", 0, **BOARD)[3][:9] + b"X" + message("HELLO_REPLY", 0, **BOARD)[3][10:],
                  "!OUT_OF_RANGE", "a non-zero byte after the serial number's zero padding")
    payload_fault("out-of-range-control-character", 0xBF, 1, 1, struct.pack("<BHB", 2, 1, 2) + b"a\n",
                  "!OUT_OF_RANGE", "an ERROR message must be printable ASCII")


HEADER = """\
# Golden frames of the spinnoise pulser-board protocol, version 1 (../PROTOCOL.md). Every implementation's tests
# read this file: the Java codec (FrameVectorsTest) and the C reference codec (c/test_vectors.c).
#
# Written by generate.py (an independent Python implementation of CRC-32C, COBS and the layouts); reviewed by hand.
#
# Format: lines starting with '#' are comments (the one before each vector says what it shows); blank lines are
# ignored; every other line is one vector of four fields separated by single spaces:
#
#   NAME DIRECTION WIRE EXPECTED
#
#   NAME       letters, digits and '-'.
#   DIRECTION  'both': decoding WIRE gives EXPECTED, and encoding EXPECTED gives exactly WIRE (canonical bytes);
#              'decode': only decoding is checked (non-canonical or corrupt bytes).
#   WIRE       the bytes on the wire, lowercase hex without spaces, COBS-encoded, delimiters included.
#   EXPECTED   the rest of the line: what a receiver reports for each frame the delimiters end, in order, separated
#              by ' ; ' ('none' when there is none: empty frames are padding). One result is either
#                TYPE seq=N flags=N key=value ...   a good frame: the message with its fields in the order of
#                                                   PROTOCOL.md section 4; integers in decimal except junction_mask
#                                                   (0x + 8 hex digits); STREAM bits as data=hex; strings with bytes
#                                                   outside 0x21..0x7E and '%' written %XX (so '%20' is a space)
#                !STATUS                            a corrupt frame: BAD_COBS TRUNCATED OVERSIZED LENGTH_MISMATCH
#                                                   BAD_CRC UNKNOWN_TYPE BAD_FLAGS (PROTOCOL.md section 2.3)
#                !FAULT                             an intact frame whose payload is refused: BAD_SIZE OUT_OF_RANGE
#                                                   UNSUPPORTED_VERSION (PROTOCOL.md section 4.0; ERROR codes 7, 2, 5)
"""


def main():
    define()
    names = [v[0] for v in VECTORS]
    assert len(names) == len(set(names)), "duplicate vector names"
    out = [HEADER]
    for name, direction, w, expected, note in VECTORS:
        out.append("\n# %s\n%s %s %s %s\n" % (note, name, direction, w.hex(), expected))
    sys.stdout.write("".join(out))
    sys.stderr.write("%d vectors\n" % len(VECTORS))


if __name__ == "__main__":
    main()
