package org.spinnoise.report.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;

/**
 * The dashboard's pool section, read from the pool's files while another holder has it open, shows that holder's
 * live reservation as a reservation and names the holder (issue 18: the dashboard lacked reservations).
 */
class DashboardPoolSectionTest {
    @TempDir
    Path dir;

    @Test
    void aLiveReservationIsShownWithItsHolder() throws Exception {
        try (EntropyPool pool = EntropyPool.open(dir, new PoolConfig(1 << 20, 4096, 1024))) {
            pool.append(new byte[5000], 0, 3000, new IngestCounts(24_000, 0, 3000), "s");
            pool.take("client", 100);
            JsonNode section = DashboardSections.pool(dir).get();
            assertEquals(1024, section.get("bytes_reserved").asLong(), section.toString());
            assertTrue(section.get("reserved_by").asText().startsWith("pid " + ProcessHandle.current().pid()),
                    section.toString());
            assertEquals(3000 - 100 - 1024, section.get("bytes_available").asLong(), section.toString());
        }
    }
}
