/*
 * spinnoise pulser-board protocol, version 1: reference codec (see ../PROTOCOL.md).
 *
 * Portable C99, no allocation, no dependency beyond <stdint.h> and <stddef.h>. Three layers:
 *   1. CRC-32C and canonical COBS (sections 1 and 2.2);
 *   2. a byte-at-a-time frame decoder that reports every frame with its status (section 2.3), and a frame encoder;
 *   3. the messages of section 4 as plain structs, decoded with every payload check and encoded from the structs.
 * Where to start: a board feeds each received byte to sn_decoder_push(), decodes good frames with sn_message_decode()
 * and answers with sn_message_encode(); the host side is the same with the directions swapped.
 */
#ifndef SPINNOISE_FRAME_H
#define SPINNOISE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define SN_PROTOCOL_VERSION 1u
#define SN_HEADER_BYTES 6u
#define SN_CRC_BYTES 4u
#define SN_MIN_FRAME_BYTES 10u
#define SN_MAX_PAYLOAD_BYTES 4096u
#define SN_MAX_FRAME_BYTES (SN_MIN_FRAME_BYTES + SN_MAX_PAYLOAD_BYTES)
/* Worst-case COBS size of n bytes (delimiter excluded), and the largest frame on the wire with its delimiter. */
#define SN_COBS_MAX(n) ((n) + ((n) == 0 ? 1u : ((n) + 253u) / 254u))
#define SN_MAX_WIRE_BYTES (SN_COBS_MAX(SN_MAX_FRAME_BYTES) + 1u)
#define SN_STREAM_FIELD_BYTES 18u
#define SN_MAX_STREAM_BITS (8u * (SN_MAX_PAYLOAD_BYTES - SN_STREAM_FIELD_BYTES))
#define SN_FLAG_REPLY 0x01u
#define SN_NO_REQUEST 0xFFFFu
#define SN_NO_SENSOR (-32768)

/* Message types (section 4.0). */
enum {
    SN_HELLO = 0x01, SN_CONFIGURE = 0x02, SN_START = 0x03, SN_CREDIT = 0x04, SN_STOP = 0x05, SN_STATUS = 0x06,
    SN_HELLO_REPLY = 0x81, SN_CONFIGURE_ACK = 0x82, SN_START_ACK = 0x83, SN_STREAM = 0x84, SN_STOP_ACK = 0x85,
    SN_STATUS_REPLY = 0x86, SN_ERROR = 0xBF
};

/* ERROR codes (section 4.10); codes 2, 5 and 7 are also what sn_message_decode() returns for a refused payload. */
typedef enum {
    SN_OK = 0, SN_ERR_UNKNOWN_TYPE = 1, SN_ERR_OUT_OF_RANGE = 2, SN_ERR_BAD_STATE = 3, SN_ERR_CORRUPT_FRAME = 4,
    SN_ERR_UNSUPPORTED_VERSION = 5, SN_ERR_HARDWARE_FAULT = 6, SN_ERR_BAD_SIZE = 7, SN_ERR_HOST_SILENT = 8
} sn_error_code;

/* Frame statuses, in the order of the checks of section 2.3. */
typedef enum {
    SN_GOOD = 0, SN_BAD_COBS, SN_TRUNCATED, SN_OVERSIZED, SN_LENGTH_MISMATCH, SN_BAD_CRC, SN_UNKNOWN_TYPE,
    SN_BAD_FLAGS
} sn_status;

/* ---- 1. CRC-32C and COBS ---------------------------------------------------------------------------------------- */

/* Continues a CRC-32C: start with crc = 0; sn_crc32c(0, "123456789", 9) == 0xE3069283. */
uint32_t sn_crc32c(uint32_t crc, const uint8_t *data, size_t n);

/* Canonical COBS of src[0, n) into dst (room for SN_COBS_MAX(n)), no delimiter; returns the bytes written. */
size_t sn_cobs_encode(const uint8_t *src, size_t n, uint8_t *dst);

/* Decodes one encoded frame (no delimiter) into dst of capacity cap: the decoded size, or -1 for invalid COBS (a 0x00
 * inside, a block past the end), or -2 when it does not fit. */
long sn_cobs_decode(const uint8_t *src, size_t n, uint8_t *dst, size_t cap);

/* ---- 2. Frames -------------------------------------------------------------------------------------------------- */

/* One delimited frame as the decoder saw it. Header fields are valid for SN_GOOD, SN_UNKNOWN_TYPE and SN_BAD_FLAGS;
 * payload points into the decoder's buffer until the next push. */
typedef struct {
    sn_status status;
    uint8_t type;
    uint8_t flags;
    uint16_t seq;
    uint16_t length;
    const uint8_t *payload;
    size_t wire_bytes; /* bytes on the wire, delimiter included */
} sn_frame;

/* Byte-at-a-time receiver; COBS is undone as bytes arrive, into a buffer the caller owns. */
typedef struct {
    uint8_t *buf;
    size_t cap;            /* payload limit + 10 */
    size_t decoded;
    size_t wire;
    unsigned block_remaining;
    int zero_pending;
    int overflow;
} sn_decoder;

/* buf holds cap bytes: 10 + the largest payload accepted (SN_MAX_FRAME_BYTES for everything). */
void sn_decoder_init(sn_decoder *d, uint8_t *buf, size_t cap);

/* Feeds one byte; returns 1 and fills *frame when the byte was a delimiter ending a non-empty frame, else 0. */
int sn_decoder_push(sn_decoder *d, uint8_t byte, sn_frame *frame);

/* Writes a frame with any header and payload, COBS-encoded with its delimiter, into wire (room for
 * SN_COBS_MAX(10 + length) + 1). Returns the bytes written. The payload is given in two parts (either may be empty). */
size_t sn_frame_encode(uint8_t type, uint8_t flags, uint16_t seq, const uint8_t *part1, size_t len1,
                       const uint8_t *part2, size_t len2, uint8_t *wire);

/* Name of a status: "GOOD", "BAD_CRC", ... */
const char *sn_status_name(sn_status status);

/* ---- 3. Messages ------------------------------------------------------------------------------------------------ */

typedef struct { uint8_t version; uint16_t max_payload; } sn_hello;

typedef struct {
    uint8_t version;
    char serial[17];   /* NUL-terminated */
    char firmware[17]; /* NUL-terminated */
    uint8_t junctions;
    uint8_t write_dac_bits;
    uint16_t write_dac_full_scale_mv;
    uint8_t read_dac_bits;
    uint16_t read_dac_full_scale_mv;
    uint32_t min_pulse_ps;
    uint32_t max_pulse_ps;
    uint16_t max_stream_payload;
    uint32_t pulses_per_second;
} sn_hello_reply;

/* CONFIGURE and CONFIGURE_ACK. */
typedef struct {
    uint32_t junction_mask;
    uint16_t write_code;
    uint32_t write_width_ps;
    uint16_t reset_code;
    uint32_t reset_width_ps;
    uint32_t read_delay_ns;
    uint16_t threshold_code;
    uint16_t guard_band_codes;
} sn_settings;

typedef struct { uint16_t stream_payload; uint32_t frame_limit; } sn_start;

typedef struct {
    uint64_t first_bit;
    uint32_t pulses_fired;
    uint32_t ambiguous_reads;
    uint16_t bits;
    const uint8_t *data; /* ceil(bits / 8) bytes, most significant bit first; not copied */
} sn_stream;

typedef struct { uint32_t frame_limit; } sn_credit;

typedef struct {
    int16_t temperature_centi_c;
    uint32_t error_flags;
    uint32_t uptime_ms;
    uint32_t corrupt_frames;
    uint64_t bits_streamed;
} sn_status_reply;

typedef struct {
    uint8_t code;          /* sn_error_code */
    uint16_t request_seq;  /* SN_NO_REQUEST when flags bit 0 is clear */
    uint8_t length;
    const char *message;   /* length printable ASCII bytes; not copied, not NUL-terminated */
} sn_error;

/* One message: type selects the member. flags is the frame's flags byte (bit 0 matters for ERROR only). */
typedef struct {
    uint8_t type;
    uint8_t flags;
    union {
        sn_hello hello;
        sn_hello_reply hello_reply;
        sn_settings settings;
        sn_start start;
        sn_stream stream;
        sn_credit credit;
        sn_status_reply status_reply;
        sn_error error;
    } u;
} sn_message;

/* Decodes a SN_GOOD frame with every payload check of section 4.0: SN_OK, or SN_ERR_UNSUPPORTED_VERSION,
 * SN_ERR_BAD_SIZE, SN_ERR_OUT_OF_RANGE. Pointers in *m point into the frame's payload. */
sn_error_code sn_message_decode(const sn_frame *frame, sn_message *m);

/* Checks *m against section 4 (as decoding would) and encodes it with seq into wire (room for SN_MAX_WIRE_BYTES, or
 * SN_COBS_MAX(10 + payload) + 1). Returns the bytes written, delimiter included, or 0 if a field is out of range. */
size_t sn_message_encode(const sn_message *m, uint16_t seq, uint8_t *wire);

#endif
