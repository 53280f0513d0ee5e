package org.spinnoise.entropy.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks shared by the pool tests. */
final class PoolAssertions {
    private PoolAssertions() {
    }

    /** Every appended byte is served, discarded, corrupt, available or reserved: exactly one of them. */
    static void assertAccountingBalances(PoolStatus status) {
        assertEquals(status.bytesAppended(), status.bytesServed() + status.bytesDiscardedAtRecovery()
                + status.corruptBytes() + status.bytesAvailable() + status.bytesReserved(),
                () -> "accounting does not balance: " + status);
        assertEquals(status.bytesServed(), status.bytesOutByConsumer().values().stream()
                .mapToLong(Long::longValue).sum(), "served bytes are the sum over consumers");
    }
}
