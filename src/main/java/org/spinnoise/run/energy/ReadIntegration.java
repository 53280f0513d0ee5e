package org.spinnoise.run.energy;

import java.util.Locale;

/**
 * How long an SMU reading holds the read bias on the junction: NPLC power-line cycles of the mains, so
 * t_integration = NPLC / f_line. The NPLC node and this relation are from the manuals the drivers cite: Keithley Model
 * 2450 Reference Manual 2450-901-01 Rev. B, p. 6-48 ([:SENSe[1]]:RESistance:NPLCycles, in power-line cycles), and
 * Agilent B2900 SCPI Command Reference B2910-90030 Ed. 2, p. 4-73 (integration time = NPLC / power line frequency).
 * A run does not record the mains frequency its SMU measured (only the 2450's paced batch asks for it, :SYST:LFR?), so
 * 50 Hz is taken: the longer of the two mains periods, which makes each read's energy an upper bound (by 6/5 on 60 Hz
 * mains). Autozero and source-readback integrations, which some SMUs add per reading, are not counted here; the
 * ledger's held-bias bound covers them.
 */
final class ReadIntegration {
    /** The mains frequency taken when a run does not say: the lower, so the longer aperture. */
    static final double ASSUMED_LINE_HZ = 50;

    private ReadIntegration() {
    }

    /** One reading's aperture in seconds. */
    static double seconds(double nplc) {
        return nplc / ASSUMED_LINE_HZ;
    }

    /** The assumption in one sentence, for the ledger's notes. */
    static String note(double nplc) {
        return String.format(Locale.ROOT, "read integration time = NPLC / line frequency = %s / %.0f Hz = %.6g s "
                        + "(Keithley 2450 RM 2450-901-01 Rev. B p. 6-48; Agilent B2900 SCPI reference B2910-90030 "
                        + "p. 4-73); the run does not record its mains frequency, so %.0f Hz is assumed, the longer "
                        + "period, an upper bound (×1.2 if the mains were 60 Hz)", nplc, ASSUMED_LINE_HZ,
                seconds(nplc), ASSUMED_LINE_HZ);
    }
}
