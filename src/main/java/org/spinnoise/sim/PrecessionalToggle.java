package org.spinnoise.sim;

/**
 * The toggle probability of VCMA precessional switching, the law a junction with a {@link PrecessionSpec} follows for
 * positive pulses: the pulse removes the perpendicular anisotropy, the magnetisation precesses around the in-plane bias
 * field, and whether it ends in the opposite state depends on where in the precession the pulse ends. So the
 * probability of a toggle oscillates with the pulse width w at the precession period T = 1/(γ/2π · B), peaking near
 * T/2 (half a turn), and thermal dephasing and damping pull it toward one half for long pulses:
 * <pre>
 *   p(V, w) = s(V) · (1 − exp(−w/τ) · cos(2π w / T)) / 2,   s(V) = 1 / (1 + exp(−(V − Vc − drift) / ΔVc))
 * </pre>
 * The shape follows the experiments: the switching probability is an oscillatory function of the pulse duration whose
 * magnitude and period depend on the in-plane field (Kanai et al., "In-plane magnetic field dependence of electric
 * field-induced magnetization switching", Appl. Phys. Lett. 103, 072408 (2013), abstract; also Kanai et al., Appl.
 * Phys. Lett. 101, 122403 (2012); Shiota et al., Nature Materials 11, 39 (2012) and Grezes et al., Appl. Phys. Lett.
 * 108, 012403 (2016) were not retrievable here and are cited from the literature, not checked); Fokker–Planck studies
 * of the same switching find the lowest error rate for a pulse a little longer than half the precession period.
 * <p>
 * Simplified: a macrospin with the anisotropy removed completely during the pulse (so the period depends only on the
 * bias field, not on the amplitude), a precession that starts at the pulse's leading edge (no edge times, no
 * ringing), both directions toggling alike (no spin-transfer torque asymmetry), an exponential envelope for dephasing
 * and damping together, and a logistic s(V) for the amplitude threshold, which drifts with the junction's
 * {@code v50DriftVoltsPerHour}.
 */
final class PrecessionalToggle {
    private PrecessionalToggle() {
    }

    /** Probability that a positive pulse of {@code amplitudeVolts} for {@code widthSeconds} toggles the state. */
    static double probability(PrecessionSpec spec, double amplitudeVolts, double widthSeconds, double driftVolts) {
        if (!(amplitudeVolts > 0)) {
            return 0;
        }
        return started(spec, amplitudeVolts, driftVolts) * endsReversed(spec, widthSeconds);
    }

    /** s(V): the chance the pulse lowers the anisotropy enough to start the precession at all. */
    static double started(PrecessionSpec spec, double amplitudeVolts, double driftVolts) {
        return 1 / (1 + Math.exp(-(amplitudeVolts - spec.criticalVolts() - driftVolts) / spec.criticalWidthVolts()));
    }

    /** The chance a started precession ends reversed after {@code widthSeconds}: the damped cosine of the width. */
    static double endsReversed(PrecessionSpec spec, double widthSeconds) {
        double phase = 2 * Math.PI * widthSeconds / spec.periodSeconds();
        return (1 - Math.exp(-widthSeconds / spec.dephasingSeconds()) * Math.cos(phase)) / 2;
    }
}
