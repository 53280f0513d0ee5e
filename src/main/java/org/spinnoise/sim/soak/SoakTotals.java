package org.spinnoise.sim.soak;

import java.util.concurrent.atomic.AtomicLong;

/** The acquisition side's running counts, updated by the acquisition thread and read by the periodic lines. */
final class SoakTotals {
    final AtomicLong benchRuns = new AtomicLong();
    final AtomicLong benchRunsFailed = new AtomicLong();
    final AtomicLong boardRuns = new AtomicLong();
    final AtomicLong boardRunsFailed = new AtomicLong();
    final AtomicLong benchBits = new AtomicLong();
    final AtomicLong boardBits = new AtomicLong();
    final AtomicLong bitsIngested = new AtomicLong();
    final AtomicLong poolBytesAppended = new AtomicLong();
    /** Runs that failed with no fault injected into them (frame damage aside): findings, or a starved machine. */
    final AtomicLong runsFailedWithoutFault = new AtomicLong();
    final AtomicLong healthFailedRuns = new AtomicLong();
    final AtomicLong ingestsRefused = new AtomicLong();
    /** Safety: outputs found on after a run ended (completed or failed); must stay 0. */
    final AtomicLong outputsLeftOn = new AtomicLong();
    /** Completed runs whose bits differ from what the source produced (lost, repeated or short); must stay 0. */
    final AtomicLong runsWithBitsLostOrRepeated = new AtomicLong();
    /** Bits that differ in those runs: board bits not matching the board's intact frames, bench bits short. */
    final AtomicLong bitsLostOrRepeated = new AtomicLong();

    long bitsAcquired() {
        return benchBits.get() + boardBits.get();
    }
}
