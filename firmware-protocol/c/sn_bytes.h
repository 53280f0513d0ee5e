/* Little-endian fields for the codec's two source files (internal, not part of the API). */
#ifndef SN_BYTES_H
#define SN_BYTES_H

#include <stdint.h>

static inline uint16_t sn_get16(const uint8_t *p) { return (uint16_t)(p[0] | (unsigned)p[1] << 8); }
static inline uint32_t sn_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t sn_get64(const uint8_t *p) { return (uint64_t)sn_get32(p) | (uint64_t)sn_get32(p + 4) << 32; }
static inline void sn_put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void sn_put32(uint8_t *p, uint32_t v) { sn_put16(p, v); sn_put16(p + 2, v >> 16); }
static inline void sn_put64(uint8_t *p, uint64_t v) { sn_put32(p, (uint32_t)v); sn_put32(p + 4, (uint32_t)(v >> 32)); }

#endif
