/* Checks the C codec against every golden vector, both ways: decoding the wire bytes byte by byte gives the expected
 * results; encoding a canonical vector's message gives exactly its bytes. Usage: test_vectors [frames.txt] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spinnoise_frame.h"
#include "vector_text.h"

#define LINE_BYTES 65536

static char line[LINE_BYTES];
static char expected_copy[LINE_BYTES];
static char got[LINE_BYTES];
static uint8_t wire[SN_MAX_WIRE_BYTES * 2 + 64];
static uint8_t encoded[SN_MAX_WIRE_BYTES];
static uint8_t frame_buffer[SN_MAX_FRAME_BYTES];
static vt_storage store;

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Decodes wire[0, n) byte by byte into the ' ; '-joined text of every frame ("none" if none). */
static void decode_all(size_t n)
{
    sn_decoder d;
    sn_frame f;
    size_t i, len = 0;
    char one[LINE_BYTES / 2];
    got[0] = '\0';
    sn_decoder_init(&d, frame_buffer, sizeof frame_buffer);
    for (i = 0; i < n; i++) {
        if (sn_decoder_push(&d, wire[i], &f)) {
            vt_describe(&f, one, sizeof one);
            len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", len ? " ; " : "", one);
        }
    }
    if (len == 0) strcpy(got, "none");
}

static int self_checks(void)
{
    static const uint8_t check[] = "123456789";
    static const uint8_t zeros[] = {0x11, 0x00, 0x00, 0x00};
    uint8_t out[8], back[8];
    int failures = 0;
    if (sn_crc32c(0, check, 9) != 0xE3069283u) {
        fprintf(stderr, "CRC-32C check value wrong: %08lX\n", (unsigned long)sn_crc32c(0, check, 9));
        failures++;
    }
    if (sn_cobs_encode(zeros, 4, out) != 5 || out[0] != 2 || out[1] != 0x11 || out[2] != 1 || out[4] != 1
        || sn_cobs_decode(out, 5, back, sizeof back) != 4 || memcmp(back, zeros, 4) != 0) {
        fprintf(stderr, "COBS of 11 00 00 00 wrong\n");
        failures++;
    }
    if (SN_MAX_WIRE_BYTES != 4124u) {
        fprintf(stderr, "largest frame on the wire should be 4124 bytes\n");
        failures++;
    }
    return failures;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../vectors/frames.txt";
    FILE *in = fopen(path, "r");
    int vectors = 0, failures = self_checks();
    if (in == NULL) {
        fprintf(stderr, "cannot open %s: give the path of vectors/frames.txt\n", path);
        return 2;
    }
    while (fgets(line, sizeof line, in) != NULL) {
        char *name, *direction, *hex, *expected;
        size_t n, i, len = strlen(line);
        if (len > 0 && line[len - 1] != '\n' && !feof(in)) {
            fprintf(stderr, "line longer than %d bytes\n", LINE_BYTES);
            return 2;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        name = line;
        direction = strchr(name, ' ');
        hex = direction ? strchr(direction + 1, ' ') : NULL;
        expected = hex ? strchr(hex + 1, ' ') : NULL;
        if (expected == NULL) {
            fprintf(stderr, "malformed vector line: %s\n", line);
            return 2;
        }
        *direction++ = '\0';
        *hex++ = '\0';
        *expected++ = '\0';
        n = strlen(hex) / 2;
        if (strlen(hex) % 2 != 0 || n > sizeof wire) {
            fprintf(stderr, "%s: bad hex\n", name);
            return 2;
        }
        for (i = 0; i < n; i++) {
            wire[i] = (uint8_t)(hex_value(hex[2 * i]) * 16 + hex_value(hex[2 * i + 1]));
        }
        vectors++;
        decode_all(n);
        if (strcmp(got, expected) != 0) {
            fprintf(stderr, "FAIL %s decode\n  expected: %.300s\n  got:      %.300s\n", name, expected, got);
            failures++;
        }
        if (strcmp(direction, "both") == 0) {
            sn_message m;
            uint16_t seq;
            size_t written;
            strcpy(expected_copy, expected);
            if (vt_parse(expected_copy, &m, &seq, &store) != 0) {
                fprintf(stderr, "FAIL %s: cannot parse the expected message\n", name);
                failures++;
                continue;
            }
            written = sn_message_encode(&m, seq, encoded);
            if (written != n || memcmp(encoded, wire, n) != 0) {
                fprintf(stderr, "FAIL %s encode: %lu bytes, expected %lu\n", name, (unsigned long)written,
                        (unsigned long)n);
                failures++;
            }
        }
    }
    fclose(in);
    printf("%d vectors, %d failures\n", vectors, failures);
    return failures == 0 && vectors > 0 ? 0 : 1;
}
