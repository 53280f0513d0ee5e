package org.spinnoise.diffusion.nn;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One Protocol Buffers message being written, with the few field kinds the ONNX model format needs: varint integers,
 * 32-bit floats, strings, raw bytes and nested messages. Field numbers are onnx.proto's (ONNX 1.x, stable since IR
 * version 3); they are named where {@link UNetOnnxExport} uses them. Writing the format directly keeps the export free
 * of a protobuf library; ONNX Runtime parses the result in the tests.
 */
final class OnnxProtobuf {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    OnnxProtobuf varint(int field, long value) {
        tag(field, VARINT);
        raw(value);
        return this;
    }

    OnnxProtobuf float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            bytes.write(bits >>> (8 * i));
        }
        return this;
    }

    OnnxProtobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    OnnxProtobuf bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        raw(value.length);
        bytes.writeBytes(value);
        return this;
    }

    OnnxProtobuf message(int field, OnnxProtobuf value) {
        return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** Floats as little-endian bytes, the layout of a TensorProto's raw_data. */
    static byte[] littleEndian(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** Doubles as little-endian bytes. */
    static byte[] littleEndian(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        return buffer.array();
    }

    /** Longs as little-endian bytes. */
    static byte[] littleEndian(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return buffer.array();
    }

    private void tag(int field, int wireType) {
        raw((long) field << 3 | wireType);
    }

    private void raw(long value) {
        while ((value & ~0x7FL) != 0) {
            bytes.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes.write((int) value);
    }
}
