package org.spinnoise.serve;

/**
 * A reply ready for the socket: header and payload frames, and the queue bytes it holds: for the reply to an
 * accepted data request (one unit of the client's credit), the payload bytes reserved when it was accepted; 0 for a
 * pong or a refusal, which take no credit.
 */
record OutgoingReply(ClientSession session, ReplyHeader header, byte[] payload, long creditBytes) {
    /** True if this reply answers an accepted request (it holds credit and queue bytes). */
    boolean answersAccepted() {
        return creditBytes > 0;
    }

    long payloadBytes() {
        return payload.length;
    }
}
