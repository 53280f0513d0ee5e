package org.spinnoise.serve;

import java.io.IOException;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/**
 * Opens the stream of one client in one mode. The service opens one source per client and mode, on first use, and
 * closes it when the client's session ends; a source is only ever used by one thread at a time.
 */
@FunctionalInterface
public interface NoiseSourceFactory {
    /**
     * @param mode     the mode asked for
     * @param consumer the name the pool accounts this source's bytes to
     * @param seed     a seed distinct per client, for the modes that take one
     */
    NoiseSource open(NoiseMode mode, String consumer, long seed) throws IOException;
}
