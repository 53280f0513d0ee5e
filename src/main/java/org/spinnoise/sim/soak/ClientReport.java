package org.spinnoise.sim.soak;

/**
 * What one noise client of the soak did and saw.
 *
 * @param lostReplies       replies to requests it was still waiting for that never came (a finding)
 * @param abandonedRequests requests it left outstanding on purpose when it vanished
 * @param outstandingAtStop requests still in flight when the soak stopped its clients
 */
public record ClientReport(String name, String behaviour, long requests, long replies, long bytes, long exhausted,
                           long errors, long lostReplies, long abandonedRequests, long outstandingAtStop,
                           long overlaps, long accountingMismatches, long vanishes, long returns) {

    static ClientReport of(SoakClient client) {
        SoakClient.Counts c = client.counts();
        return new ClientReport(client.name(), client.behaviour().name().toLowerCase(java.util.Locale.ROOT),
                c.requests.get(), c.replies.get(), c.bytes.get(), c.exhausted.get(), c.errors.get(),
                c.lostReplies.get(), c.abandonedRequests.get(), c.outstandingAtStop.get(), c.overlaps.get(),
                c.accountingMismatches.get(), c.vanishes.get(), c.returns.get());
    }
}
