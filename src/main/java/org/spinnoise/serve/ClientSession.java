package org.spinnoise.serve;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/**
 * One connected client as the service sees it: its ROUTER identity, its streams (one {@link NoiseSource} per mode,
 * opened on first use), and its credit: requests waiting, the one being generated, and replies generated but not
 * yet accepted by the socket. The loop thread owns every field except {@link #sources}, which the one worker running
 * this session's request uses (handed over through the executor and the completion queue).
 */
final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    final byte[] identity;
    final String name;
    final long seed;
    final ArrayDeque<Wire.Request> waiting = new ArrayDeque<>();
    final ArrayDeque<OutgoingReply> unsent = new ArrayDeque<>();
    private final Map<NoiseMode, NoiseSource> sources = new EnumMap<>(NoiseMode.class);
    boolean generating;
    boolean ended;
    long lastHeardNanos;
    long unsentBytes;

    ClientSession(byte[] identity, long seed, long nowNanos) {
        this.identity = identity;
        this.name = HexFormat.of().formatHex(identity);
        this.seed = seed;
        this.lastHeardNanos = nowNanos;
    }

    /** Requests counted against the client's credit. */
    int inFlight() {
        return waiting.size() + (generating ? 1 : 0) + unsent.size();
    }

    boolean hasSource(NoiseMode mode) {
        return sources.containsKey(mode);
    }

    /** This client's stream in {@code mode}, opened on first use (called by the worker). */
    NoiseSource source(NoiseMode mode, NoiseSourceFactory factory, String consumer) throws IOException {
        NoiseSource s = sources.get(mode);
        if (s == null) {
            s = factory.open(mode, consumer, seed);
            sources.put(mode, s);
        }
        return s;
    }

    /** Closes every stream; called by the loop once no worker holds the session. */
    void closeSources() {
        for (NoiseSource s : sources.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the {} stream of client {} failed", s.mode().label(), name, e);
            }
        }
        sources.clear();
    }
}
