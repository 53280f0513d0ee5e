package org.spinnoise.firmware.wire;

/**
 * One message of protocol version 1 (PROTOCOL.md §4): a record per type whose constructor checks every field against
 * the limits the spec states, so an invalid message can be neither built nor decoded. {@link Messages} decodes frames
 * into these; {@link FrameEncoder} encodes them.
 */
public sealed interface Message permits Hello, HelloReply, Configure, ConfigureAck, Start, StartAck, Stream, Credit,
        Stop, StopAck, StatusRequest, StatusReply, ErrorReply {

    /** The message type. */
    MessageType type();

    /** Size of the payload {@link #writePayload} writes. */
    int payloadBytes();

    /** Writes the payload at {@code off}. */
    void writePayload(byte[] dst, int off);

    /** The frame's flags byte: bit 0 set on replies (and on an ERROR that answers a request). */
    default int flags() {
        return type().defaultFlags();
    }
}
