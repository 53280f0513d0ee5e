/* Text form of frames for the golden vectors (test support; see ../vectors/frames.txt). */
#ifndef VECTOR_TEXT_H
#define VECTOR_TEXT_H

#include "spinnoise_frame.h"

/* Where parsed variable-length fields live. */
typedef struct {
    uint8_t data[SN_MAX_PAYLOAD_BYTES];
    char message[255];
} vt_storage;

/* Writes what a receiver reports for a frame: the message text, "!STATUS" or "!FAULT". */
void vt_describe(const sn_frame *frame, char *out, size_t size);

/* Parses a good frame's text (modifies line); 0 on success, -1 if malformed. */
int vt_parse(char *line, sn_message *m, uint16_t *seq, vt_storage *store);

#endif
