package org.spinnoise.serve;

/**
 * One client session's counts since it began, as the service last published them (each telemetry interval): for a
 * dashboard's per-client rates.
 *
 * @param name               the session's ZeroMQ identity in hex
 * @param requests           requests received
 * @param normalsServed      float32 normals handed to the socket
 * @param bytesServed        raw bytes handed to the socket (bytes requests only)
 * @param hardwareBitsServed pool bits behind the replies handed to the socket
 * @param unsentReplyBytes   payload bytes generated for it and held because its socket queue was full
 * @param queuedReplyBytes   payload bytes of its accepted requests not yet handed to its connection
 * @param unanswered         its requests counted but not answered (sent while it was overrun)
 */
public record ClientStats(String name, long requests, long normalsServed, long bytesServed, long hardwareBitsServed,
                          long unsentReplyBytes, long queuedReplyBytes, long unanswered) {
}
