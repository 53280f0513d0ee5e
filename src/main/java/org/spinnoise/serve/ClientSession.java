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
 * opened on first use), its credit: requests accepted and not yet sent (waiting, being generated, generated but
 * not yet accepted by the socket), and its queue: every reply not yet taken by its connection, in order. The loop thread owns {@code outstanding}, {@code unsent} and the timestamps;
 * {@code waiting}, {@code generating} and {@code ended} are guarded by this object's monitor, because the worker
 * that generates for the session takes its requests from {@code waiting} itself; {@link #sources} belong to that one
 * worker while {@code generating} is set, and to whoever clears it otherwise.
 */
final class ClientSession {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    final byte[] identity;
    final String name;
    final long seed;
    final ArrayDeque<OutgoingReply> unsent = new ArrayDeque<>();
    private final ArrayDeque<Wire.Request> waiting = new ArrayDeque<>();
    private final Map<NoiseMode, NoiseSource> sources = new EnumMap<>(NoiseMode.class);
    private boolean generating;
    private boolean ended;
    int outstanding;
    long lastHeardNanos;
    long unsentBytes;
    /** Payload bytes of accepted requests not yet handed to the connection (loop thread). */
    long queuedBytes;
    /** Pongs and refusals held in {@link #unsent} (loop thread); past a limit the client is overrun. */
    int heldSmallReplies;
    /** True from the overrun error's queueing until it has left the queue: requests meanwhile go unanswered. */
    boolean overrun;
    /** True if the client's latest request came in a REQ envelope: replies then carry an empty delimiter frame. */
    boolean delimited;
    long unanswered;
    /** Counts for {@link ClientStats} (loop thread). */
    long requests;
    long normalsServed;
    long bytesServed;
    long hardwareBitsServed;

    ClientSession(byte[] identity, long seed, long nowNanos) {
        this.identity = identity;
        this.name = HexFormat.of().formatHex(identity);
        this.seed = seed;
        this.lastHeardNanos = nowNanos;
    }

    /**
     * Queues an accepted request (loop); true if no worker is generating for this session, so the caller must start
     * one.
     */
    synchronized boolean enqueue(Wire.Request request) {
        waiting.add(request);
        if (generating || ended) {
            return false;
        }
        generating = true;
        return true;
    }

    /**
     * The next request to generate (worker), or null when there is none or the session has ended; a null also
     * releases the session, and the worker that sees an ended session closes its streams.
     */
    Wire.Request next() {
        boolean close;
        synchronized (this) {
            Wire.Request r = ended ? null : waiting.poll();
            if (r != null) {
                return r;
            }
            generating = false;
            close = ended;
        }
        if (close) {
            closeSources();
        }
        return null;
    }

    /**
     * Ends the session (loop): drops the waiting requests and returns how many; closes the streams now unless a
     * worker holds them, which then closes them itself.
     */
    int end() {
        int dropped;
        boolean close;
        synchronized (this) {
            ended = true;
            dropped = waiting.size();
            waiting.clear();
            close = !generating;
        }
        if (close) {
            closeSources();
        }
        return dropped;
    }

    synchronized boolean ended() {
        return ended;
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
