package org.spinnoise.faults;

import static org.spinnoise.faults.Expected.NOT_APPLICABLE;
import static org.spinnoise.faults.Expected.RECOVERED;
import static org.spinnoise.faults.Expected.STOPPED;
import static org.spinnoise.faults.Fault.CORRUPT_FRAMES;
import static org.spinnoise.faults.Fault.DISK_FULL;
import static org.spinnoise.faults.Fault.DROP;
import static org.spinnoise.faults.Fault.GARBLE;
import static org.spinnoise.faults.Fault.LOST_FRAMES;
import static org.spinnoise.faults.Fault.REBOOT;
import static org.spinnoise.faults.Fault.SEGMENT_CORRUPT;
import static org.spinnoise.faults.Fault.SERIAL_VANISH;
import static org.spinnoise.faults.Fault.SIGKILL;
import static org.spinnoise.faults.Fault.SPURIOUS_ERROR;
import static org.spinnoise.faults.Fault.STALL;
import static org.spinnoise.faults.Stage.ACQUISITION;
import static org.spinnoise.faults.Stage.CALIBRATION;
import static org.spinnoise.faults.Stage.INGEST;
import static org.spinnoise.faults.Stage.SAMPLING;
import static org.spinnoise.faults.Stage.SERVING;

import java.util.List;

/**
 * The fault matrix: one row per fault × stage, each with the outcome it promises and the scenario that checks it, or
 * why the pair cannot occur. FAULT-MATRIX.md is this table rendered ({@link MatrixDocument}); a test keeps them equal.
 */
final class FaultMatrix {
    private static final String NO_INSTRUMENT = "this stage opens no instrument: it reads a run folder or the pool";
    private static final String NO_BOARD = "this stage opens no board or serial port: it reads a run folder or the pool";
    private static final String NO_POOL = "this stage reads and writes no pool segment: a run folder only (ingest is "
            + "its own column)";

    private FaultMatrix() {
    }

    static final List<Cell> ROWS = List.of(
            // Instrument faults on the demo bench over TCP. Calibration has no reconnect: it stops cleanly.
            stops(DROP, CALIBRATION, "stops: one line naming the SMU, its command and that the instrument closed "
                    + "the connection; folder 'failed' with 0 bits; every output off",
                    BenchCells.calibrationStops(101, BenchCells.drop("smu"), "smu", 0, "smu", "closed the connection")),
            recovers(DROP, ACQUISITION, "reconnects and completes; bits.bin is the junction's own record of the "
                    + "confirmed writes; the pool credits exactly those bits once; outputs off",
                    BenchCells.acquisitionRecovers(102, BenchCells.drop("smu"))),
            na(DROP, INGEST, NO_INSTRUMENT), na(DROP, SERVING, NO_INSTRUMENT), na(DROP, SAMPLING, NO_INSTRUMENT),

            stops(STALL, CALIBRATION, "stops: one line naming the pulse generator and the command it did not "
                    + "answer; folder 'failed'; every output off, also once the instrument answers again",
                    BenchCells.calibrationStops(103, BenchCells.stall("pulse", 1_500), "pulse", 2_000, "pulse",
                            "no reply within")),
            recovers(STALL, ACQUISITION, "reconnects once the instrument answers and completes; bits.bin is the "
                    + "junction's record of the confirmed writes; credited exactly once; outputs off",
                    BenchCells.acquisitionRecovers(104, BenchCells.stall("pulse", 2_500))),
            na(STALL, INGEST, NO_INSTRUMENT), na(STALL, SERVING, NO_INSTRUMENT), na(STALL, SAMPLING, NO_INSTRUMENT),

            stops(GARBLE, CALIBRATION, "stops: one line naming the SMU and its unreadable reply; folder 'failed'; "
                    + "outputs off",
                    BenchCells.calibrationStops(105, BenchCells.garble("smu"), "smu", 0, "unprintable")),
            stops(GARBLE, ACQUISITION, "stops: one line naming the SMU and its unreadable reply; the confirmed bits "
                    + "are kept, are the junction's first writes, and are credited exactly once; outputs off",
                    BenchCells.acquisitionStops(106, BenchCells.garble("smu"), "smu", "unprintable")),
            na(GARBLE, INGEST, NO_INSTRUMENT), na(GARBLE, SERVING, NO_INSTRUMENT), na(GARBLE, SAMPLING, NO_INSTRUMENT),

            stops(REBOOT, CALIBRATION, "stops: one line naming the SMU that closed its connection; folder "
                    + "'failed'; outputs off (the safe end reconnects to the rebooted instrument)",
                    BenchCells.calibrationStops(107, BenchCells.reboot("smu"), "smu", 0, "closed the connection")),
            recovers(REBOOT, ACQUISITION, "reconnects to the rebooted instrument (same serial number), re-checks the "
                    + "operating point and completes; bits.bin is the junction's record; credited once; outputs off",
                    BenchCells.acquisitionRecovers(108, BenchCells.reboot("smu"))),
            na(REBOOT, INGEST, NO_INSTRUMENT), na(REBOOT, SERVING, NO_INSTRUMENT), na(REBOOT, SAMPLING, NO_INSTRUMENT),

            stops(SPURIOUS_ERROR, CALIBRATION, "stops at the next error check: one line naming the SMU and the "
                    + "error it reported (-310); folder 'failed'; outputs off",
                    BenchCells.calibrationStops(109, BenchCells.spuriousError("smu"), "smu", 0, "-310")),
            stops(SPURIOUS_ERROR, ACQUISITION, "stops at the next error check: one line naming the SMU and -310; "
                    + "bits since the last clean check are discarded, the confirmed ones kept and credited once; "
                    + "outputs off",
                    BenchCells.acquisitionStops(110, BenchCells.spuriousError("smu"), "smu", "-310")),
            na(SPURIOUS_ERROR, INGEST, NO_INSTRUMENT), na(SPURIOUS_ERROR, SERVING, NO_INSTRUMENT),
            na(SPURIOUS_ERROR, SAMPLING, NO_INSTRUMENT),

            // The pulser board over its socat pty.
            stops(SERIAL_VANISH, CALIBRATION, "board calibration stops: one line naming the port, that it "
                    + "vanished (or asking whether it is still there) and how to find it again; folder 'failed' with "
                    + "0 bits. An SMU on a serial line whose line vanishes in the sweep: one line naming the SMU and "
                    + "its port, and that its output is not confirmed off; 0 bits; the pulse outputs off",
                    both(BoardCells.calibrationPortVanishes(111), BenchCells.calibrationSerialLineVanishes(111))),
            stops(SERIAL_VANISH, ACQUISITION, "stops: one line naming the port, that it vanished and how to find "
                    + "it again; bits.bin is exactly the first bits the board sent intact; credited once",
                    BoardCells.acquisitionPortVanishes(112)),
            na(SERIAL_VANISH, INGEST, NO_BOARD), na(SERIAL_VANISH, SERVING, NO_BOARD),
            na(SERIAL_VANISH, SAMPLING, NO_BOARD),

            recovers(CORRUPT_FRAMES, CALIBRATION, "board calibration drops the damaged frames and completes; its "
                    + "V50 is the junction's within 4 standard errors; the run's bits are the tail of the intact ones",
                    BoardCells.calibrationThroughDamage(113, BoardCells.CORRUPT)),
            recovers(CORRUPT_FRAMES, ACQUISITION, "drops and counts the damaged frames and completes; bits.bin is "
                    + "exactly the intact frames' bits, once, in order; the manifest counts what the board damaged; "
                    + "credited once",
                    BoardCells.acquisitionThroughDamage(114, BoardCells.CORRUPT)),
            na(CORRUPT_FRAMES, INGEST, NO_BOARD), na(CORRUPT_FRAMES, SERVING, NO_BOARD),
            na(CORRUPT_FRAMES, SAMPLING, NO_BOARD),

            recovers(LOST_FRAMES, CALIBRATION, "board calibration sees the gaps in sequence numbers and completes; "
                    + "its V50 is the junction's within 4 standard errors",
                    BoardCells.calibrationThroughDamage(115, BoardCells.LOST)),
            recovers(LOST_FRAMES, ACQUISITION, "counts the missing frames and completes; bits.bin is exactly the bits "
                    + "that arrived, once, in order; credited once",
                    BoardCells.acquisitionThroughDamage(116, BoardCells.LOST)),
            na(LOST_FRAMES, INGEST, NO_BOARD), na(LOST_FRAMES, SERVING, NO_BOARD), na(LOST_FRAMES, SAMPLING, NO_BOARD),

            // The host: a full disk (a real tmpfs), damaged pool segments, SIGKILL.
            stops(DISK_FULL, CALIBRATION, "stops: one line naming the run folder, 'No space left on device' and "
                    + "'free space'; outputs off; the folder is never ingested",
                    DiskFullCells.calibration(117)),
            stops(DISK_FULL, ACQUISITION, "board run stops: one line naming the run folder and the full disk; "
                    + "bits.bin holds every bit the manifest counts; the folder is refused or credited exactly once",
                    DiskFullCells.acquisition(118)),
            stops(DISK_FULL, INGEST, "stops: one line naming the run, the pool and the full disk, saying nothing "
                    + "was taken in; the pool reopens balanced, none of the run credited; with space again the same "
                    + "run goes in, credited exactly once",
                    DiskFullCells.ingest(119)),
            stops(DISK_FULL, SERVING, "no byte goes out without its reservation on disk; after a restart with space, "
                    + "no byte is served twice and every piece is the pool's own",
                    DiskFullCells.serving(120)),
            stops(DISK_FULL, SAMPLING, "stops: one line with the full disk; the bytes the sample drew are never "
                    + "available again; the rest is the pool's own tail",
                    DiskFullCells.sampling(121)),

            na(SEGMENT_CORRUPT, CALIBRATION, NO_POOL), na(SEGMENT_CORRUPT, ACQUISITION, NO_POOL),
            recovers(SEGMENT_CORRUPT, INGEST, "the damaged record is reported (file, range, corrupt bytes) and "
                    + "skipped; the new run goes in, credited exactly once; everything else is takeable, in order",
                    PoolCells.ingestPastDamage(122)),
            recovers(SEGMENT_CORRUPT, SERVING, "the service serves every byte but the damaged record's, each once, "
                    + "each the pool's own, then refuses as exhausted",
                    PoolCells.servePastDamage(123)),
            recovers(SEGMENT_CORRUPT, SAMPLING, "a trng sampler draws past the damaged record and completes; every "
                    + "byte it used counts as gone; the rest is the pool's own",
                    PoolCells.samplePastDamage(124)),

            stops(SIGKILL, CALIBRATION, "nothing runs: the folder stays 'running' and the ingest refuses it in one "
                    + "line; the next connection to the bench turns every output off",
                    KillCells.benchRun(125, false)),
            stops(SIGKILL, ACQUISITION, "as in calibration: the folder stays 'running', refused by the ingest in one "
                    + "line (its bits were never confirmed); the next connection turns every output off",
                    KillCells.benchRun(126, true)),
            stops(SIGKILL, INGEST, "the pool recovers balanced with no corrupt byte; the run's bits are credited at "
                    + "most once in all; a second ingest completes the run or refuses it in one line",
                    KillCells.ingest(127)),
            stops(SIGKILL, SERVING, "after a restart no byte handed out before the kill is handed out again; every "
                    + "piece is the pool's own; accounting balances",
                    KillCells.serving(128)),
            stops(SIGKILL, SAMPLING, "recovery skips the killed sampler's reservation: nothing it could have used is "
                    + "available again; the rest is the pool's own, in order",
                    KillCells.sampling(129)));

    /** Two scenarios for one cell, each in a folder of its own. */
    private static Cell.Scenario both(Cell.Scenario first, Cell.Scenario second) {
        return dir -> {
            first.run(java.nio.file.Files.createDirectories(dir.resolve("1")));
            second.run(java.nio.file.Files.createDirectories(dir.resolve("2")));
        };
    }

    private static Cell recovers(Fault fault, Stage stage, String promise, Cell.Scenario scenario) {
        return new Cell(fault, stage, RECOVERED, promise, scenario);
    }

    private static Cell stops(Fault fault, Stage stage, String promise, Cell.Scenario scenario) {
        return new Cell(fault, stage, STOPPED, promise, scenario);
    }

    private static Cell na(Fault fault, Stage stage, String why) {
        return new Cell(fault, stage, NOT_APPLICABLE, why, null);
    }
}
