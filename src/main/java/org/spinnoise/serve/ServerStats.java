package org.spinnoise.serve;

/**
 * A snapshot of the service's counters, also published as telemetry. Gauges ({@code clients}, {@code inFlight},
 * {@code unsentReplyBytes}, {@code queuedReplyBytes}) say where the service stands now; the rest count since start.
 * Every request received is counted once in {@code requests} and either answered (in {@code replies} or
 * {@code errors}, once its reply is handed to the client's connection), still queued, {@code dropped} with its
 * client's connection, or {@code unanswered} (PROTOCOL.md, "Flow control").
 *
 * @param clients              client sessions open
 * @param inFlight             requests queued, being generated or generated but not yet accepted by the socket
 * @param unsentReplyBytes     payload bytes of replies (data, pong, error) generated and held because a client's
 *                             socket queue was full
 * @param peakUnsentReplyBytes the most that ever was
 * @param requests             request frames received (valid or not)
 * @param replies              data and pong replies handed to the socket
 * @param errors               error replies handed to the socket
 * @param dropped              replies dropped because their client's connection was gone (or the service stopped)
 * @param normalsServed        float32 normals handed to the socket
 * @param bytesServed          raw bytes handed to the socket (bytes requests only)
 * @param hardwareBitsServed   pool bits behind the replies handed to the socket
 * @param generatedBytes       payload bytes generated, sent or not
 * @param sessionsExpired      sessions ended because their client fell silent with nothing queued for it
 * @param authRefusals         CURVE handshakes refused by the allow-list
 * @param queuedReplyBytes     payload bytes of data requests accepted and not yet handed to their client's
 *                             connection (waiting, being generated or held): what the queue bounds limit
 * @param peakQueuedReplyBytes the most that ever was
 * @param unanswered           requests counted but not answered: sent by an overrun client before it read its
 *                             overrun error, or by a client refused as busy whose connection's queue was full
 * @param overruns             times a client was told it was overrun (error 10)
 * @param clientsGone          sessions ended because the client's connection was gone
 */
public record ServerStats(long clients, long inFlight, long unsentReplyBytes, long peakUnsentReplyBytes,
                          long requests, long replies, long errors, long dropped, long normalsServed,
                          long bytesServed, long hardwareBitsServed, long generatedBytes, long sessionsExpired,
                          long authRefusals, long queuedReplyBytes, long peakQueuedReplyBytes, long unanswered,
                          long overruns, long clientsGone) {
}
