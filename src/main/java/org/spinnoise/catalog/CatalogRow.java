package org.spinnoise.catalog;

/**
 * The few fields of a catalog entry that {@code runs list} shows, read without the rest so that listing ten thousand
 * entries stays fast; {@link RunCatalog#find} and the exports give the whole {@link CatalogEntry}.
 *
 * @param id        the entry's id
 * @param kind      acquire, board, demo, calibrate, ingest or draw
 * @param startedMs when it started, epoch milliseconds (null when unknown)
 * @param outcome   ok, failed, interrupted, running or unknown
 * @param device    the device (profile name or board serial), or null
 * @param bits      a run's confirmed bits, or an ingest's raw bits
 * @param bias      ones fraction minus one half
 * @param v50Volts  the fitted V50
 * @param poolBytes bytes an ingest added to the pool or a draw took from it
 */
public record CatalogRow(String id, String kind, Long startedMs, String outcome, String device, Long bits, Double bias,
                         Double v50Volts, Long poolBytes) {
    /** The listing fields of a whole entry. */
    public static CatalogRow of(CatalogEntry e) {
        return new CatalogRow(e.id(), e.kind(), e.startedMs(), e.outcome(), e.device(), e.bits(), e.bias(),
                e.v50Volts(), e.poolBytes());
    }
}
