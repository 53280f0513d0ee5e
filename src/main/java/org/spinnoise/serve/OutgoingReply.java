package org.spinnoise.serve;

/** A reply ready for the socket: header and payload frames, and what it served (for the service's counters). */
record OutgoingReply(ClientSession session, ReplyHeader header, byte[] payload) {
    long payloadBytes() {
        return payload.length;
    }
}
