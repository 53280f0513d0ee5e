package org.spinnoise.sim.board;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.sim.JunctionClock;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.PtyPair;

/**
 * An emulated pulser board on a pseudo-terminal: the board side of firmware-protocol/PROTOCOL.md over a socat pty
 * pair, with the junctions of a board bench file (the same {@link MtjJunction} physics as the SCPI bench, so an
 * uncalibrated amplitude gives biased bits), its line rate, and the stream damage its {@link CorruptionSpec} asks for.
 * The host opens {@link #address()}, exactly as it would open real hardware. {@link #record()} is the board's own
 * account of what it sent; {@link #vanish()} pulls the cable. All randomness comes from the seed.
 */
public final class BoardEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoardEmulator.class);

    private final PtyPair pty;
    private final boolean ownsPty;
    private final PtyPort port;
    private final BoardFirmware firmware;
    private final SentRecord record;
    private final List<MtjJunction> junctions;
    private final Thread thread;
    /** Pulse cycles the board has fired since it started: its modelled time when the bench asks for it. */
    private final AtomicLong pulsesFired = new AtomicLong();
    private volatile boolean closing;
    private volatile boolean vanished;

    private BoardEmulator(BoardBenchFile bench, long seed, boolean keepBits, PtyPair pty, boolean ownsPty,
                          JunctionClock clock) {
        this.pty = pty;
        this.ownsPty = ownsPty;
        SplittableRandom seeds = new SplittableRandom(seed);
        List<MtjJunction> list = new ArrayList<>();
        double nanosPerPulse = 1e9 / bench.board().pulsesPerSecond();
        // A board bench asking for its modelled clock overrides the caller's: drift by pulses fired over the pulse rate.
        JunctionClock junctionClock = bench.board().modelledClock()
                ? JunctionClock.shared(() -> (long) (pulsesFired.get() * nanosPerPulse)) : clock;
        for (JunctionSpec junction : bench.junctions()) {
            list.add(junctionClock.junction(junction, seeds.nextLong()));
        }
        this.junctions = List.copyOf(list);
        this.record = new SentRecord(keepBits);
        this.port = new PtyPort(pty.endA(), () -> closing);
        this.firmware = new BoardFirmware(bench.board(), junctions, bench.corruption(), seeds.nextLong(), record,
                port, pulsesFired);
        this.thread = new Thread(() -> firmware.run(() -> closing), "board-emulator");
        thread.setDaemon(true);
        thread.start();
        LOG.info("board emulator '{}' (seed {}) on {}", bench.name(), seed, address());
    }

    /** Starts the board on a new pty pair; the seed fixes its junctions, bits and damage. */
    public static BoardEmulator start(BoardBenchFile bench, long seed) {
        return start(bench, seed, false);
    }

    /** As {@link #start(BoardBenchFile, long)}; {@code keepBits} keeps the bits of intact frames in the record. */
    public static BoardEmulator start(BoardBenchFile bench, long seed, boolean keepBits) {
        return start(bench, seed, keepBits, JunctionClock.wall());
    }

    /**
     * As {@link #start(BoardBenchFile, long, boolean)} with the junctions keeping time by {@code clock}: the board
     * refreshes its odds from the junctions before every frame, so drift on a modelled clock shows frame by frame.
     */
    public static BoardEmulator start(BoardBenchFile bench, long seed, boolean keepBits, JunctionClock clock) {
        PtyPair pty = PtyPair.open();
        try {
            return new BoardEmulator(bench, seed, keepBits, pty, true, clock);
        } catch (RuntimeException e) {
            pty.close();
            throw e;
        }
    }

    /** Starts the board on end A of a pty pair the caller owns (and closes). */
    public static BoardEmulator startOn(PtyPair pty, BoardBenchFile bench, long seed) {
        return new BoardEmulator(bench, seed, false, pty, false, JunctionClock.wall());
    }

    /** The VISA address a host opens: {@code ASRL<pty end B>::INSTR}. */
    public String address() {
        return "ASRL" + pty.endB() + "::INSTR";
    }

    /** The board's junctions (their true V50 and ΔV, for printing beside a calibration). */
    public MtjJunction junction(int index) {
        return junctions.get(index);
    }

    /** What the board has sent and what it did to it. */
    public SentRecord record() {
        return record;
    }

    /** Pulse cycles the board has fired since it started (its modelled clock, with {@code modelledClock}). */
    public long pulsesFired() {
        return pulsesFired.get();
    }

    /** Bytes the board has written to its line. */
    public long lineBytesWritten() {
        return firmware.lineBytesWritten();
    }

    /** The serial port disappears under the host, as when a USB cable is pulled: the pty pair is torn down. */
    public void vanish() {
        vanished = true;
        stopThread();
        pty.close();
    }

    private void stopThread() {
        closing = true;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.close();
    }

    @Override
    public void close() {
        if (!vanished) {
            stopThread();
            if (ownsPty) {
                pty.close();
            }
        }
    }
}
