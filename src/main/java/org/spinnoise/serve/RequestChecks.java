package org.spinnoise.serve;

import org.spinnoise.noise.NoiseMode;

/**
 * The service's limits applied to one parsed request, in the order PROTOCOL.md gives ("Errors"): the mode served,
 * the reply size, then the client's credit and queue and the total queue (PROTOCOL.md, "Flow control"). It decides;
 * the service loop answers. Loop thread only.
 */
final class RequestChecks {
    /** An error reply to send instead of serving the request. */
    record Refusal(ReplyHeader header, byte[] payload) {
    }

    private final ServerConfig config;
    private final ServiceCounters counters;

    RequestChecks(ServerConfig config, ServiceCounters counters) {
        this.config = config;
        this.counters = counters;
    }

    /** Why a data request (parsed, not a ping) of this client is refused, or null if it may be accepted. */
    Refusal check(ClientSession session, Wire.Request r) {
        if (!config.modes().contains(r.mode())) {
            return notServed(Wire.modeByte(r.mode()), r.requestId());
        }
        if (r.payloadBytes() > config.maxReplyBytes()) {
            return refusal(r, ErrorCode.OVERSIZED, "request for " + r.count() + " " + itemName(r) + " ("
                    + r.payloadBytes() + " bytes) is over this server's " + config.maxReplyBytes()
                    + "-byte reply limit; ask in smaller chunks");
        }
        if (session.outstanding >= config.maxInFlightPerClient()) {
            return refusal(r, ErrorCode.CREDIT_EXCEEDED, "this client already has " + session.outstanding
                    + " requests in flight, the limit is " + config.maxInFlightPerClient()
                    + "; wait for replies before asking again");
        }
        if (session.queuedBytes + r.payloadBytes() > config.maxClientQueueBytes()) {
            return refusal(r, ErrorCode.CREDIT_EXCEEDED, "this client already has " + session.queuedBytes
                    + " reply bytes queued, the limit is " + config.maxClientQueueBytes()
                    + "; read its replies before asking again");
        }
        long queued = counters.queuedReplyBytes.get();
        if (queued + r.payloadBytes() > config.maxQueueBytes()) {
            return refusal(r, ErrorCode.SERVER_BUSY, "the server holds " + queued + " reply bytes for its clients, "
                    + "the limit is " + config.maxQueueBytes() + "; try again shortly");
        }
        return null;
    }

    /**
     * The reply to a request the parser refused. A count of 2^31 or more is oversized whatever the server's limit,
     * but a mode the server does not serve ranks first, as for any other request.
     */
    Refusal early(Wire.Parsed parsed) {
        NoiseMode mode = Wire.modeOf(parsed.modeByte());
        if (parsed.error() == ErrorCode.OVERSIZED && mode != null && !config.modes().contains(mode)) {
            return notServed(parsed.modeByte(), parsed.requestId());
        }
        return new Refusal(header(parsed.modeByte(), parsed.error(), parsed.requestId()),
                Wire.utf8(parsed.message()));
    }

    /** The refusal of a new client when the server has its maximum number. */
    Refusal busy(byte[] requestFrame) {
        return new Refusal(header(Wire.echoedModeByte(requestFrame), ErrorCode.SERVER_BUSY,
                Wire.echoedRequestId(requestFrame)), Wire.utf8("the server has " + config.maxClients()
                + " clients already; try again later"));
    }

    private Refusal notServed(int modeByte, long requestId) {
        return new Refusal(header(modeByte, ErrorCode.MODE_NOT_PERMITTED, requestId), Wire.utf8("mode "
                + Wire.modeOf(modeByte).label() + " is not served here; this server serves " + modeList()));
    }

    private static Refusal refusal(Wire.Request r, ErrorCode code, String message) {
        return new Refusal(header(Wire.modeByte(r.mode()), code, r.requestId()), Wire.utf8(message));
    }

    static ReplyHeader header(int modeByte, ErrorCode code, long requestId) {
        return new ReplyHeader(RequestType.ERROR, Wire.modeOf(modeByte), code, requestId, 0, 0, 0, 0);
    }

    private static String itemName(Wire.Request r) {
        return r.type() == RequestType.NORMALS ? "normals" : "bytes";
    }

    private String modeList() {
        return String.join(", ", config.modes().stream().map(m -> m.label()).sorted().toList());
    }
}
