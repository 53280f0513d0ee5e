package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The demo's last stage as the demo run's manifest records it: the pool-noise sample grid, the board runs that topped
 * the pool up first, and the pool's bytes at each step as the pool's own status gave them. The bytes the pool handed
 * to the consumer ({@code poolBytesTaken}, what {@code pool status} counts for it) beside the bytes the normals used
 * ({@code poolBytesUsed}, 4 per float normal): equal since samplers take exactly what they use (issue 18); older
 * manifests, written when samplers took 64 KiB blocks, show the unused rest of the last block.
 *
 * @param pool                    the pool directory
 * @param poolBytesBeforeTopUp    bytes available once this run's own bits were ingested, before any board top-up
 * @param boardRuns               run folders of the board-emulator top-ups, in order (empty when none was needed)
 * @param poolBytesBeforeSampling bytes available when sampling began, after the top-ups
 * @param consumer                the consumer name the pool accounts the draw to
 * @param model                   the model and its provenance
 * @param sampler                 the sampler's description
 * @param mode                    the noise mode (trng)
 * @param images                  images in the grid
 * @param normals                 normals drawn
 * @param poolBytesUsed           pool bytes the normals used
 * @param poolBytesTaken          pool bytes the pool handed to {@code consumer} during the sampling
 * @param poolBytesAfterSampling  bytes available after the sampling
 * @param grid                    the grid's file in the run folder
 * @param record                  the sampling's own record in the run folder
 * @param noiseCheck              the sampling's check of the normals it drew against N(0, 1) (null in manifests
 *                                written before issue 19)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DemoSample(String pool, long poolBytesBeforeTopUp, List<String> boardRuns, long poolBytesBeforeSampling,
                         String consumer, String model, String sampler, String mode, int images, long normals,
                         long poolBytesUsed, long poolBytesTaken, long poolBytesAfterSampling, String grid,
                         String record, String noiseCheck) {
    public DemoSample {
        boardRuns = List.copyOf(boardRuns);
    }

    /** Bytes taken from the pool for the sampling but not used by it. */
    @JsonIgnore
    public long poolBytesTakenUnused() {
        return poolBytesTaken - poolBytesUsed;
    }
}
