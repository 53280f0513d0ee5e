/* spinnoise pulser-board protocol, version 1: the messages of section 4, decoded and encoded with every check. */
#include <string.h>

#include "spinnoise_frame.h"
#include "sn_bytes.h"

#define TEXT_BYTES 16u
#define HELLO_BYTES 3u
#define HELLO_REPLY_BYTES 54u
#define SETTINGS_BYTES 24u
#define START_BYTES 6u
#define CREDIT_BYTES 4u
#define STATUS_REPLY_BYTES 22u
#define ERROR_FIELD_BYTES 4u
#define KNOWN_ERROR_FLAGS 0x0Fu
#define INDEX_LIMIT ((uint64_t)1 << 63)

static int printable(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20u || (unsigned char)s[i] > 0x7Eu) {
            return 0;
        }
    }
    return 1;
}

static int text_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= TEXT_BYTES && printable(s, n);
}

static int unused_bits_clear(const sn_stream *s)
{
    size_t bytes = (s->bits + 7u) / 8u;
    unsigned unused = (unsigned)(8u * bytes - s->bits);
    return unused == 0 || (s->data[bytes - 1] & ((1u << unused) - 1u)) == 0;
}

/* Field limits of section 4, for decoding and encoding alike. */
static int fields_ok(const sn_message *m)
{
    const sn_hello_reply *r = &m->u.hello_reply;
    const sn_settings *c = &m->u.settings;
    const sn_stream *s = &m->u.stream;
    const sn_error *e = &m->u.error;
    switch (m->type) {
    case SN_HELLO:
        return m->u.hello.version >= 1 && m->u.hello.max_payload >= 64 && m->u.hello.max_payload <= 4096;
    case SN_HELLO_REPLY:
        return r->version >= 1 && text_ok(r->serial) && text_ok(r->firmware) && r->junctions >= 1
               && r->junctions <= 32 && r->write_dac_bits >= 8 && r->write_dac_bits <= 16
               && r->write_dac_full_scale_mv >= 1 && r->read_dac_bits >= 8 && r->read_dac_bits <= 16
               && r->read_dac_full_scale_mv >= 1 && r->min_pulse_ps >= 1 && r->max_pulse_ps >= r->min_pulse_ps
               && r->max_stream_payload >= SN_STREAM_FIELD_BYTES + 1 && r->max_stream_payload <= 4096
               && r->pulses_per_second >= 1;
    case SN_CONFIGURE:
    case SN_CONFIGURE_ACK:
        return c->junction_mask != 0 && c->write_width_ps >= 1 && c->reset_width_ps >= 1;
    case SN_START:
        return m->u.start.stream_payload >= SN_STREAM_FIELD_BYTES + 1 && m->u.start.stream_payload <= 4096;
    case SN_STREAM:
        return s->first_bit < INDEX_LIMIT && s->bits >= 1 && s->bits <= SN_MAX_STREAM_BITS
               && s->pulses_fired >= s->bits && s->ambiguous_reads <= s->pulses_fired && unused_bits_clear(s);
    case SN_STATUS_REPLY:
        return (m->u.status_reply.error_flags & ~KNOWN_ERROR_FLAGS) == 0
               && m->u.status_reply.bits_streamed < INDEX_LIMIT;
    case SN_ERROR:
        /* Codes 4 and 8 answer no request (flags 0); every other code answers one (flags 1), section 4.10. */
        return e->code >= 1 && e->code <= 8 && m->flags <= 1
               && ((m->flags & SN_FLAG_REPLY) != 0 || e->request_seq == SN_NO_REQUEST)
               && ((e->code == 4u || e->code == 8u) == ((m->flags & SN_FLAG_REPLY) == 0))
               && printable(e->message, e->length);
    case SN_CREDIT: case SN_START_ACK: case SN_STOP: case SN_STOP_ACK: case SN_STATUS:
        return 1;
    default:
        return 0;
    }
}

/* The payload size a type requires (STREAM and ERROR from their count fields). */
static size_t expected_size(uint8_t type, const uint8_t *p, size_t len)
{
    switch (type) {
    case SN_HELLO: return HELLO_BYTES;
    case SN_HELLO_REPLY: return HELLO_REPLY_BYTES;
    case SN_CONFIGURE: case SN_CONFIGURE_ACK: return SETTINGS_BYTES;
    case SN_START: return START_BYTES;
    case SN_CREDIT: return CREDIT_BYTES;
    case SN_STATUS_REPLY: return STATUS_REPLY_BYTES;
    case SN_STREAM:
        return len < SN_STREAM_FIELD_BYTES ? SN_STREAM_FIELD_BYTES
                                           : SN_STREAM_FIELD_BYTES + (sn_get16(p + 16) + 7u) / 8u;
    case SN_ERROR: return len < ERROR_FIELD_BYTES ? ERROR_FIELD_BYTES : ERROR_FIELD_BYTES + p[3];
    default: return 0;
    }
}

/* A zero-padded string field: its characters, then only zeros. */
static int read_text(const uint8_t *p, char out[TEXT_BYTES + 1])
{
    size_t n = 0, i;
    while (n < TEXT_BYTES && p[n] != 0) {
        out[n] = (char)p[n];
        n++;
    }
    out[n] = '\0';
    for (i = n; i < TEXT_BYTES; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void read_settings(const uint8_t *p, sn_settings *c)
{
    c->junction_mask = sn_get32(p);
    c->write_code = sn_get16(p + 4);
    c->write_width_ps = sn_get32(p + 6);
    c->reset_code = sn_get16(p + 10);
    c->reset_width_ps = sn_get32(p + 12);
    c->read_delay_ns = sn_get32(p + 16);
    c->threshold_code = sn_get16(p + 20);
    c->guard_band_codes = sn_get16(p + 22);
}

sn_error_code sn_message_decode(const sn_frame *f, sn_message *m)
{
    const uint8_t *p = f->payload;
    size_t len = f->length;
    m->type = f->type;
    m->flags = f->flags;
    if ((f->type == SN_HELLO || f->type == SN_HELLO_REPLY) && len >= 1 && p[0] != SN_PROTOCOL_VERSION) {
        return SN_ERR_UNSUPPORTED_VERSION;
    }
    if (len != expected_size(f->type, p, len)) {
        return SN_ERR_BAD_SIZE;
    }
    switch (f->type) {
    case SN_HELLO:
        m->u.hello.version = p[0];
        m->u.hello.max_payload = sn_get16(p + 1);
        break;
    case SN_HELLO_REPLY: {
        sn_hello_reply *r = &m->u.hello_reply;
        r->version = p[0];
        if (!read_text(p + 1, r->serial) || !read_text(p + 17, r->firmware)) {
            return SN_ERR_OUT_OF_RANGE;
        }
        r->junctions = p[33];
        r->write_dac_bits = p[34];
        r->write_dac_full_scale_mv = sn_get16(p + 35);
        r->read_dac_bits = p[37];
        r->read_dac_full_scale_mv = sn_get16(p + 38);
        r->min_pulse_ps = sn_get32(p + 40);
        r->max_pulse_ps = sn_get32(p + 44);
        r->max_stream_payload = sn_get16(p + 48);
        r->pulses_per_second = sn_get32(p + 50);
        break;
    }
    case SN_CONFIGURE:
    case SN_CONFIGURE_ACK:
        read_settings(p, &m->u.settings);
        break;
    case SN_START:
        m->u.start.stream_payload = sn_get16(p);
        m->u.start.frame_limit = sn_get32(p + 2);
        break;
    case SN_STREAM:
        m->u.stream.first_bit = sn_get64(p);
        m->u.stream.pulses_fired = sn_get32(p + 8);
        m->u.stream.ambiguous_reads = sn_get32(p + 12);
        m->u.stream.bits = sn_get16(p + 16);
        m->u.stream.data = p + SN_STREAM_FIELD_BYTES;
        break;
    case SN_CREDIT:
        m->u.credit.frame_limit = sn_get32(p);
        break;
    case SN_STATUS_REPLY:
        {
            int32_t t = sn_get16(p); /* two's complement by hand: converting 0x8000.. to int16_t is not portable */
            m->u.status_reply.temperature_centi_c = (int16_t)(t >= 32768 ? t - 65536 : t);
        }
        m->u.status_reply.error_flags = sn_get32(p + 2);
        m->u.status_reply.uptime_ms = sn_get32(p + 6);
        m->u.status_reply.corrupt_frames = sn_get32(p + 10);
        m->u.status_reply.bits_streamed = sn_get64(p + 14);
        break;
    case SN_ERROR:
        m->u.error.code = p[0];
        m->u.error.request_seq = sn_get16(p + 1);
        m->u.error.length = p[3];
        m->u.error.message = (const char *)(p + ERROR_FIELD_BYTES);
        break;
    default:
        break;
    }
    return fields_ok(m) ? SN_OK : SN_ERR_OUT_OF_RANGE;
}

static size_t write_text(uint8_t *p, const char *s)
{
    size_t i, n = strlen(s);
    for (i = 0; i < TEXT_BYTES; i++) {
        p[i] = i < n ? (uint8_t)s[i] : 0u;
    }
    return TEXT_BYTES;
}

static void write_settings(uint8_t *p, const sn_settings *c)
{
    sn_put32(p, c->junction_mask);
    sn_put16(p + 4, c->write_code);
    sn_put32(p + 6, c->write_width_ps);
    sn_put16(p + 10, c->reset_code);
    sn_put32(p + 12, c->reset_width_ps);
    sn_put32(p + 16, c->read_delay_ns);
    sn_put16(p + 20, c->threshold_code);
    sn_put16(p + 22, c->guard_band_codes);
}

size_t sn_message_encode(const sn_message *m, uint16_t seq, uint8_t *wire)
{
    uint8_t fixed[HELLO_REPLY_BYTES];
    size_t n = 0;
    const uint8_t *tail = NULL;
    size_t tail_len = 0;
    uint8_t flags = (m->type & 0x80u) != 0 && m->type != SN_STREAM ? SN_FLAG_REPLY : 0u;
    if (!fields_ok(m)) {
        return 0;
    }
    switch (m->type) {
    case SN_HELLO:
        fixed[0] = m->u.hello.version;
        sn_put16(fixed + 1, m->u.hello.max_payload);
        n = HELLO_BYTES;
        break;
    case SN_HELLO_REPLY: {
        const sn_hello_reply *r = &m->u.hello_reply;
        fixed[0] = r->version;
        write_text(fixed + 1, r->serial);
        write_text(fixed + 17, r->firmware);
        fixed[33] = r->junctions;
        fixed[34] = r->write_dac_bits;
        sn_put16(fixed + 35, r->write_dac_full_scale_mv);
        fixed[37] = r->read_dac_bits;
        sn_put16(fixed + 38, r->read_dac_full_scale_mv);
        sn_put32(fixed + 40, r->min_pulse_ps);
        sn_put32(fixed + 44, r->max_pulse_ps);
        sn_put16(fixed + 48, r->max_stream_payload);
        sn_put32(fixed + 50, r->pulses_per_second);
        n = HELLO_REPLY_BYTES;
        break;
    }
    case SN_CONFIGURE:
    case SN_CONFIGURE_ACK:
        write_settings(fixed, &m->u.settings);
        n = SETTINGS_BYTES;
        break;
    case SN_START:
        sn_put16(fixed, m->u.start.stream_payload);
        sn_put32(fixed + 2, m->u.start.frame_limit);
        n = START_BYTES;
        break;
    case SN_STREAM:
        sn_put64(fixed, m->u.stream.first_bit);
        sn_put32(fixed + 8, m->u.stream.pulses_fired);
        sn_put32(fixed + 12, m->u.stream.ambiguous_reads);
        sn_put16(fixed + 16, m->u.stream.bits);
        n = SN_STREAM_FIELD_BYTES;
        tail = m->u.stream.data;
        tail_len = (m->u.stream.bits + 7u) / 8u;
        break;
    case SN_CREDIT:
        sn_put32(fixed, m->u.credit.frame_limit);
        n = CREDIT_BYTES;
        break;
    case SN_STATUS_REPLY:
        sn_put16(fixed, (uint16_t)m->u.status_reply.temperature_centi_c);
        sn_put32(fixed + 2, m->u.status_reply.error_flags);
        sn_put32(fixed + 6, m->u.status_reply.uptime_ms);
        sn_put32(fixed + 10, m->u.status_reply.corrupt_frames);
        sn_put64(fixed + 14, m->u.status_reply.bits_streamed);
        n = STATUS_REPLY_BYTES;
        break;
    case SN_ERROR:
        flags = m->flags;
        fixed[0] = m->u.error.code;
        sn_put16(fixed + 1, m->u.error.request_seq);
        fixed[3] = m->u.error.length;
        n = ERROR_FIELD_BYTES;
        tail = (const uint8_t *)m->u.error.message;
        tail_len = m->u.error.length;
        break;
    default:
        break;
    }
    return sn_frame_encode(m->type, flags, seq, fixed, n, tail, tail_len, wire);
}
