package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 18, defect 8: the queue bounds of {@code serve} are options, and bounds that cannot hold a reply are a usage error. */
class ServeQueueOptionsTest {

    @Test
    void aClientQueueSmallerThanTheLargestReplyIsAUsageError() {
        CliRun.Outcome o = CliRun.run("serve", "--modes", "prng", "--telemetry", "off", "--bind", "tcp://127.0.0.1:0",
                "--max-client-queue-bytes", "4096");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--max-client-queue-bytes (4096) must be at least --max-reply-bytes (1048576)"),
                o.err());
    }

    @Test
    void aTotalQueueSmallerThanOneClientsIsAUsageError() {
        CliRun.Outcome o = CliRun.run("serve", "--modes", "prng", "--telemetry", "off", "--bind", "tcp://127.0.0.1:0",
                "--max-queue-bytes", "2097152");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--max-queue-bytes (2097152) at least --max-client-queue-bytes"), o.err());
    }
}
