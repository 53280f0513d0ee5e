package org.spinnoise.run.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums the device-level energy of operations by kind: a pulse of amplitude V and width t into a junction of
 * resistance R dissipates V²·t/R, a read at bias V integrating for t dissipates the same, each with the resistance rule
 * its kind was given (which R, and what stands in when no read came before). The walkers ({@link BenchReadsWalk},
 * {@link BoardBitsWalk}) decide R per operation; this only adds. A kind whose energy cannot be known (no R, or no
 * waveform) is counted with null joules.
 */
final class EnergyTally {
    private static final class Sum {
        final String waveform;
        final String resistance;
        long count;
        double joules;
        boolean known = true;

        Sum(String waveform, String resistance) {
            this.waveform = waveform;
            this.resistance = resistance;
        }
    }

    private final Map<String, Sum> sums = new LinkedHashMap<>();

    /** Declares a kind (in the order the ledger lists them), with its waveform and resistance rule in words. */
    EnergyTally kind(String kind, String waveform, String resistanceRule) {
        sums.putIfAbsent(kind, new Sum(waveform, resistanceRule));
        return this;
    }

    /** One operation of {@code kind}: V²·t/R; returns the joules added. */
    double add(String kind, double volts, double seconds, double ohms) {
        Sum s = sum(kind);
        s.count++;
        double joules = volts * volts * seconds / ohms;
        s.joules += joules;
        return joules;
    }

    /** {@code count} identical operations of {@code kind}; returns the joules added. */
    double addMany(String kind, long count, double volts, double seconds, double ohms) {
        Sum s = sum(kind);
        s.count += count;
        double joules = count * (volts * volts * seconds / ohms);
        s.joules += joules;
        return joules;
    }

    /** {@code count} operations of {@code kind} whose energy cannot be known. */
    void unknown(String kind, long count) {
        Sum s = sum(kind);
        s.count += count;
        s.known = false;
    }

    private Sum sum(String kind) {
        Sum s = sums.get(kind);
        if (s == null) {
            throw new IllegalStateException("operation kind '" + kind + "' was not declared");
        }
        return s;
    }

    /** The ledger's rows, kinds with no operation left out. */
    List<EnergyLedger.Operation> operations() {
        List<EnergyLedger.Operation> rows = new ArrayList<>();
        for (Map.Entry<String, Sum> e : sums.entrySet()) {
            Sum s = e.getValue();
            if (s.count > 0) {
                rows.add(new EnergyLedger.Operation(e.getKey(), s.count, s.known ? s.joules : null, s.waveform,
                        s.resistance));
            }
        }
        return rows;
    }
}
