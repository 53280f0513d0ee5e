package org.spinnoise.serve;

/**
 * A snapshot of the service's counters, also published as telemetry. Gauges ({@code clients}, {@code inFlight},
 * {@code unsentReplyBytes}) say where the service stands now; the rest count since start.
 *
 * @param clients              client sessions open
 * @param inFlight             requests queued, being generated or generated but not yet accepted by the socket
 * @param unsentReplyBytes     payload bytes generated and held because a client's socket queue was full
 * @param peakUnsentReplyBytes the most that ever was
 * @param requests             request frames received (valid or not)
 * @param replies              data and pong replies handed to the socket
 * @param errors               error replies handed to the socket
 * @param dropped              replies dropped: a client's queue was full for an error reply, or its session ended
 * @param normalsServed        float32 normals handed to the socket
 * @param bytesServed          raw bytes handed to the socket (bytes requests only)
 * @param hardwareBitsServed   pool bits behind the replies handed to the socket
 * @param generatedBytes       payload bytes generated, sent or not
 * @param sessionsExpired      sessions ended because their client fell silent
 * @param authRefusals         CURVE handshakes refused by the allow-list
 */
public record ServerStats(long clients, long inFlight, long unsentReplyBytes, long peakUnsentReplyBytes,
                          long requests, long replies, long errors, long dropped, long normalsServed,
                          long bytesServed, long hardwareBitsServed, long generatedBytes, long sessionsExpired,
                          long authRefusals) {
}
