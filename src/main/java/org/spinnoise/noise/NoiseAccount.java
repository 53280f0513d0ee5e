package org.spinnoise.noise;

/**
 * What a noise source has handed out so far: normal samples, raw bytes, the position in its underlying stream
 * (pool offset for trng, DRBG output counter for drbg), and how many hardware (pool) bits that cost.
 */
public record NoiseAccount(long normals, long bytes, long streamPosition, long hardwareBits) {
}
