/* The one-line text form of frames used by ../vectors/frames.txt (its header describes it): rendering of decoded
 * frames and parsing of expected messages, for test_vectors.c. Not needed by firmware. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vector_text.h"

static const struct { uint8_t type; const char *name; } TYPE_NAMES[] = {
    {SN_HELLO, "HELLO"}, {SN_CONFIGURE, "CONFIGURE"}, {SN_START, "START"}, {SN_CREDIT, "CREDIT"},
    {SN_STOP, "STOP"}, {SN_STATUS, "STATUS"}, {SN_HELLO_REPLY, "HELLO_REPLY"}, {SN_CONFIGURE_ACK, "CONFIGURE_ACK"},
    {SN_START_ACK, "START_ACK"}, {SN_STREAM, "STREAM"}, {SN_STOP_ACK, "STOP_ACK"},
    {SN_STATUS_REPLY, "STATUS_REPLY"}, {SN_ERROR, "ERROR"}};
#define TYPE_COUNT (sizeof TYPE_NAMES / sizeof TYPE_NAMES[0])

static const char *type_name(uint8_t type)
{
    size_t i;
    for (i = 0; i < TYPE_COUNT; i++) {
        if (TYPE_NAMES[i].type == type) return TYPE_NAMES[i].name;
    }
    return "?";
}

static const char *fault_name(sn_error_code code)
{
    switch (code) {
    case SN_ERR_OUT_OF_RANGE: return "OUT_OF_RANGE";
    case SN_ERR_UNSUPPORTED_VERSION: return "UNSUPPORTED_VERSION";
    case SN_ERR_BAD_SIZE: return "BAD_SIZE";
    default: return "?";
    }
}

/* Appends printf-style text at *at, never past end. */
static void add(char **at, char *end, const char *fmt, ...)
{
    va_list args;
    int n;
    va_start(args, fmt);
    n = vsnprintf(*at, (size_t)(end - *at), fmt, args);
    va_end(args);
    if (n > 0) *at += (n < end - *at) ? n : end - *at - 1;
}

static void add_escaped(char **at, char *end, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20u && c < 0x7Fu && c != '%') add(at, end, "%c", c);
        else add(at, end, "%%%02X", c);
    }
}

static void add_settings(char **at, char *end, const sn_settings *c)
{
    add(at, end, " junction_mask=0x%08lX write_code=%u write_width_ps=%lu reset_code=%u reset_width_ps=%lu"
        " read_delay_ns=%lu threshold_code=%u guard_band_codes=%u", (unsigned long)c->junction_mask,
        (unsigned)c->write_code, (unsigned long)c->write_width_ps, (unsigned)c->reset_code,
        (unsigned long)c->reset_width_ps, (unsigned long)c->read_delay_ns, (unsigned)c->threshold_code,
        (unsigned)c->guard_band_codes);
}

void vt_describe(const sn_frame *f, char *out, size_t size)
{
    char *at = out, *end = out + size;
    sn_message m;
    sn_error_code fault;
    size_t i;
    out[0] = '\0';
    if (f->status != SN_GOOD) {
        add(&at, end, "!%s", sn_status_name(f->status));
        return;
    }
    fault = sn_message_decode(f, &m);
    if (fault != SN_OK) {
        add(&at, end, "!%s", fault_name(fault));
        return;
    }
    add(&at, end, "%s seq=%u flags=%u", type_name(f->type), (unsigned)f->seq, (unsigned)f->flags);
    switch (m.type) {
    case SN_HELLO:
        add(&at, end, " version=%u max_payload=%u", (unsigned)m.u.hello.version, (unsigned)m.u.hello.max_payload);
        break;
    case SN_HELLO_REPLY: {
        const sn_hello_reply *r = &m.u.hello_reply;
        add(&at, end, " version=%u serial=", (unsigned)r->version);
        add_escaped(&at, end, r->serial, strlen(r->serial));
        add(&at, end, " firmware=");
        add_escaped(&at, end, r->firmware, strlen(r->firmware));
        add(&at, end, " junctions=%u write_dac_bits=%u write_dac_full_scale_mv=%u read_dac_bits=%u"
            " read_dac_full_scale_mv=%u min_pulse_ps=%lu max_pulse_ps=%lu max_stream_payload=%u"
            " pulses_per_second=%lu", (unsigned)r->junctions, (unsigned)r->write_dac_bits,
            (unsigned)r->write_dac_full_scale_mv, (unsigned)r->read_dac_bits, (unsigned)r->read_dac_full_scale_mv,
            (unsigned long)r->min_pulse_ps, (unsigned long)r->max_pulse_ps, (unsigned)r->max_stream_payload,
            (unsigned long)r->pulses_per_second);
        break;
    }
    case SN_CONFIGURE:
    case SN_CONFIGURE_ACK:
        add_settings(&at, end, &m.u.settings);
        break;
    case SN_START:
        add(&at, end, " stream_payload=%u frame_limit=%lu", (unsigned)m.u.start.stream_payload,
            (unsigned long)m.u.start.frame_limit);
        break;
    case SN_STREAM:
        add(&at, end, " first_bit=%llu pulses_fired=%lu ambiguous_reads=%lu bits=%u data=",
            (unsigned long long)m.u.stream.first_bit, (unsigned long)m.u.stream.pulses_fired,
            (unsigned long)m.u.stream.ambiguous_reads, (unsigned)m.u.stream.bits);
        for (i = 0; i < (m.u.stream.bits + 7u) / 8u; i++) add(&at, end, "%02x", m.u.stream.data[i]);
        break;
    case SN_CREDIT:
        add(&at, end, " frame_limit=%lu", (unsigned long)m.u.credit.frame_limit);
        break;
    case SN_STATUS_REPLY:
        add(&at, end, " temperature_centi_c=%d error_flags=%lu uptime_ms=%lu corrupt_frames=%lu bits_streamed=%llu",
            (int)m.u.status_reply.temperature_centi_c, (unsigned long)m.u.status_reply.error_flags,
            (unsigned long)m.u.status_reply.uptime_ms, (unsigned long)m.u.status_reply.corrupt_frames,
            (unsigned long long)m.u.status_reply.bits_streamed);
        break;
    case SN_ERROR:
        add(&at, end, " code=%u request_seq=%u message=", (unsigned)m.u.error.code, (unsigned)m.u.error.request_seq);
        add_escaped(&at, end, m.u.error.message, m.u.error.length);
        break;
    default:
        break;
    }
}

/* ---- parsing -------------------------------------------------------------------------------------------------- */

#define MAX_FIELDS 16

typedef struct {
    char *key[MAX_FIELDS];
    char *value[MAX_FIELDS];
    int used[MAX_FIELDS];
    int count;
    int failed;
} fields;

static char *take(fields *f, const char *key)
{
    int i;
    for (i = 0; i < f->count; i++) {
        if (!f->used[i] && strcmp(f->key[i], key) == 0) {
            f->used[i] = 1;
            return f->value[i];
        }
    }
    f->failed = 1;
    return NULL;
}

static unsigned long long num(fields *f, const char *key)
{
    char *v = take(f, key), *end;
    unsigned long long n;
    if (v == NULL) return 0;
    if (v[0] == '-') {
        n = (unsigned long long)strtoll(v, &end, 10);
    } else if (v[0] == '0' && v[1] == 'x') {
        n = strtoull(v + 2, &end, 16);
    } else {
        n = strtoull(v, &end, 10);
    }
    if (*end != '\0') f->failed = 1;
    return n;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Unescapes %XX into out (room for max bytes); returns the length, or -1. */
static long text(fields *f, const char *key, char *out, size_t max)
{
    char *v = take(f, key);
    size_t n = 0;
    if (v == NULL) return -1;
    while (*v != '\0') {
        if (n == max) return -1;
        if (*v == '%') {
            if (hex_digit(v[1]) < 0 || hex_digit(v[2]) < 0) return -1;
            out[n++] = (char)(hex_digit(v[1]) * 16 + hex_digit(v[2]));
            v += 3;
        } else {
            out[n++] = *v++;
        }
    }
    return (long)n;
}

static void settings(fields *f, sn_settings *c)
{
    c->junction_mask = (uint32_t)num(f, "junction_mask");
    c->write_code = (uint16_t)num(f, "write_code");
    c->write_width_ps = (uint32_t)num(f, "write_width_ps");
    c->reset_code = (uint16_t)num(f, "reset_code");
    c->reset_width_ps = (uint32_t)num(f, "reset_width_ps");
    c->read_delay_ns = (uint32_t)num(f, "read_delay_ns");
    c->threshold_code = (uint16_t)num(f, "threshold_code");
    c->guard_band_codes = (uint16_t)num(f, "guard_band_codes");
}

int vt_parse(char *line, sn_message *m, uint16_t *seq, vt_storage *store)
{
    fields f;
    char *token, *name;
    size_t i;
    long n;
    memset(&f, 0, sizeof f);
    memset(m, 0, sizeof *m);
    name = strtok(line, " ");
    if (name == NULL) return -1;
    for (i = 0; i < TYPE_COUNT && strcmp(TYPE_NAMES[i].name, name) != 0; i++) {
    }
    if (i == TYPE_COUNT) return -1;
    m->type = TYPE_NAMES[i].type;
    while ((token = strtok(NULL, " ")) != NULL) {
        char *eq = strchr(token, '=');
        if (eq == NULL || f.count == MAX_FIELDS) return -1;
        *eq = '\0';
        f.key[f.count] = token;
        f.value[f.count++] = eq + 1;
    }
    *seq = (uint16_t)num(&f, "seq");
    m->flags = (uint8_t)num(&f, "flags");
    switch (m->type) {
    case SN_HELLO:
        m->u.hello.version = (uint8_t)num(&f, "version");
        m->u.hello.max_payload = (uint16_t)num(&f, "max_payload");
        break;
    case SN_HELLO_REPLY: {
        sn_hello_reply *r = &m->u.hello_reply;
        r->version = (uint8_t)num(&f, "version");
        n = text(&f, "serial", r->serial, 16);
        if (n < 0) return -1;
        r->serial[n] = '\0';
        n = text(&f, "firmware", r->firmware, 16);
        if (n < 0) return -1;
        r->firmware[n] = '\0';
        r->junctions = (uint8_t)num(&f, "junctions");
        r->write_dac_bits = (uint8_t)num(&f, "write_dac_bits");
        r->write_dac_full_scale_mv = (uint16_t)num(&f, "write_dac_full_scale_mv");
        r->read_dac_bits = (uint8_t)num(&f, "read_dac_bits");
        r->read_dac_full_scale_mv = (uint16_t)num(&f, "read_dac_full_scale_mv");
        r->min_pulse_ps = (uint32_t)num(&f, "min_pulse_ps");
        r->max_pulse_ps = (uint32_t)num(&f, "max_pulse_ps");
        r->max_stream_payload = (uint16_t)num(&f, "max_stream_payload");
        r->pulses_per_second = (uint32_t)num(&f, "pulses_per_second");
        break;
    }
    case SN_CONFIGURE:
    case SN_CONFIGURE_ACK:
        settings(&f, &m->u.settings);
        break;
    case SN_START:
        m->u.start.stream_payload = (uint16_t)num(&f, "stream_payload");
        m->u.start.frame_limit = (uint32_t)num(&f, "frame_limit");
        break;
    case SN_STREAM: {
        const char *hex;
        m->u.stream.first_bit = num(&f, "first_bit");
        m->u.stream.pulses_fired = (uint32_t)num(&f, "pulses_fired");
        m->u.stream.ambiguous_reads = (uint32_t)num(&f, "ambiguous_reads");
        m->u.stream.bits = (uint16_t)num(&f, "bits");
        hex = take(&f, "data");
        if (hex == NULL || strlen(hex) % 2 != 0 || strlen(hex) / 2 > sizeof store->data) return -1;
        for (i = 0; i < strlen(hex) / 2; i++) {
            if (hex_digit(hex[2 * i]) < 0 || hex_digit(hex[2 * i + 1]) < 0) return -1;
            store->data[i] = (uint8_t)(hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1]));
        }
        if (i != (m->u.stream.bits + 7u) / 8u) return -1;
        m->u.stream.data = store->data;
        break;
    }
    case SN_CREDIT:
        m->u.credit.frame_limit = (uint32_t)num(&f, "frame_limit");
        break;
    case SN_STATUS_REPLY:
        m->u.status_reply.temperature_centi_c = (int16_t)(long long)num(&f, "temperature_centi_c");
        m->u.status_reply.error_flags = (uint32_t)num(&f, "error_flags");
        m->u.status_reply.uptime_ms = (uint32_t)num(&f, "uptime_ms");
        m->u.status_reply.corrupt_frames = (uint32_t)num(&f, "corrupt_frames");
        m->u.status_reply.bits_streamed = num(&f, "bits_streamed");
        break;
    case SN_ERROR:
        m->u.error.code = (uint8_t)num(&f, "code");
        m->u.error.request_seq = (uint16_t)num(&f, "request_seq");
        n = text(&f, "message", store->message, sizeof store->message);
        if (n < 0) return -1;
        m->u.error.length = (uint8_t)n;
        m->u.error.message = store->message;
        break;
    default:
        break;
    }
    for (i = 0; i < (size_t)f.count; i++) {
        if (!f.used[i]) return -1;
    }
    return f.failed ? -1 : 0;
}
