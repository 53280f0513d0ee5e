package org.spinnoise.faults;

/** The faults of the matrix's rows, each with what it does to the system, as FAULT-MATRIX.md lists them. */
enum Fault {
    DROP("instrument drop", "the instrument's TCP connection is closed under the client (FaultInjector.dropConnections)"),
    STALL("stall", "the instrument reads commands but stops answering (FaultInjector.silence, later clear)"),
    GARBLE("garble", "the instrument's next reply is a line of random bytes (FaultInjector.garbleNextReplies)"),
    REBOOT("reboot", "the instrument resets mid-run: connections closed, refused for 400 ms, back at its power-on "
            + "state with outputs off (FaultInjector.reboot)"),
    SPURIOUS_ERROR("spurious SCPI error", "the instrument queues -310 System error on its own, no command having "
            + "caused it (FaultInjector.raiseSpuriousError)"),
    SERIAL_VANISH("serial port vanishes", "the socat pseudo-terminal pair of a serial line is torn down (the board's "
            + "BoardEmulator.vanish, a serial instrument's FaultInjector.vanishSerialLine)"),
    CORRUPT_FRAMES("corrupt board frames", "the board flips bits in, truncates, or puts garbage before its STREAM "
            + "frames (CorruptionSpec flipBit, truncate, garbage)"),
    LOST_FRAMES("lost board frames", "the board never sends some STREAM frames, their sequence numbers used up "
            + "(CorruptionSpec drop)"),
    DISK_FULL("disk full", "the folder written to is a tmpfs with a few KiB left; writes fail with the kernel's "
            + "ENOSPC (SmallDisk)"),
    SEGMENT_CORRUPT("segment corruption", "a byte inside a record of an entropy-pool segment file is inverted on "
            + "disk (HostFaults.damagePoolSegment)"),
    SIGKILL("SIGKILL", "the spinnoise process is killed with kill -9 mid-stage; no handler runs (HostFaults.sigkill)");

    final String title;
    final String what;

    Fault(String title, String what) {
        this.title = title;
        this.what = what;
    }
}
