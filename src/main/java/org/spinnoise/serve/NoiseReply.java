package org.spinnoise.serve;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One reply of the noise service: its metadata and its payload (float32 little-endian normals, or raw bytes). */
public record NoiseReply(ReplyHeader header, byte[] payload) {

    /** The payload as floats (for a normals reply). */
    public float[] normals() {
        float[] out = new float[payload.length / Float.BYTES];
        ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
