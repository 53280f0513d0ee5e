package org.spinnoise.serve;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The counters behind {@link ServerStats}: written by the loop and workers, read by anyone. */
final class ServiceCounters {
    final AtomicLong clients = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong unsentReplyBytes = new AtomicLong();
    final AtomicLong peakUnsentReplyBytes = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong replies = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong normalsServed = new AtomicLong();
    final AtomicLong bytesServed = new AtomicLong();
    final AtomicLong hardwareBitsServed = new AtomicLong();
    final AtomicLong generatedBytes = new AtomicLong();
    final AtomicLong sessionsExpired = new AtomicLong();
    final AtomicLong queuedReplyBytes = new AtomicLong();
    final AtomicLong peakQueuedReplyBytes = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong overruns = new AtomicLong();
    final AtomicLong clientsGone = new AtomicLong();
    private final LongSupplier authRefusals;

    ServiceCounters(LongSupplier authRefusals) {
        this.authRefusals = authRefusals;
    }

    void addUnsent(long bytes) {
        long now = unsentReplyBytes.addAndGet(bytes);
        peakUnsentReplyBytes.accumulateAndGet(now, Math::max);
    }

    void addQueued(long bytes) {
        long now = queuedReplyBytes.addAndGet(bytes);
        peakQueuedReplyBytes.accumulateAndGet(now, Math::max);
    }

    ServerStats snapshot() {
        return new ServerStats(clients.get(), inFlight.get(), unsentReplyBytes.get(), peakUnsentReplyBytes.get(),
                requests.get(), replies.get(), errors.get(), dropped.get(), normalsServed.get(), bytesServed.get(),
                hardwareBitsServed.get(), generatedBytes.get(), sessionsExpired.get(), authRefusals.getAsLong(),
                queuedReplyBytes.get(), peakQueuedReplyBytes.get(), unanswered.get(), overruns.get(), clientsGone.get());
    }
}
