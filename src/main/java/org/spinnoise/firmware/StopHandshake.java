package org.spinnoise.firmware;

import java.time.Duration;
import org.spinnoise.firmware.wire.Stop;

/**
 * STOP and its confirmation for one stream (PROTOCOL.md §4.8, §7): sends STOP, remembers the seq of the last few so an
 * ERROR 3 answering one can be recognised (a board without a session, written to the text before revision 1.1,
 * answers so), and knows whether the board has confirmed. {@link #stopAndConfirm} is the blocking form every failed
 * or abandoned stream ends with: STOP, wait for the answer, STOP once more after a silence.
 */
final class StopHandshake {
    private static final Duration POLL = Duration.ofMillis(100);

    private final BoardChannel channel;
    private final int[] seqs = new int[8];
    private int sent;
    private boolean confirmed;

    StopHandshake(BoardChannel channel) {
        this.channel = channel;
    }

    /** Sends one STOP. */
    void send() throws BoardException {
        seqs[sent++ % seqs.length] = channel.send(new Stop());
    }

    /** STOPs sent so far. */
    int sent() {
        return sent;
    }

    /** True when {@code seq} is that of one of the last STOPs sent. */
    boolean isStopSeq(int seq) {
        for (int i = 0; i < Math.min(sent, seqs.length); i++) {
            if (seqs[i] == seq) {
                return true;
            }
        }
        return false;
    }

    /** STOP_ACK (or ERROR 3 to a STOP) arrived. */
    void confirm() {
        confirmed = true;
    }

    boolean confirmed() {
        return confirmed;
    }

    /** Sends STOP until the board confirms, at most twice, pumping the channel meanwhile; says how it went. */
    String stopAndConfirm() {
        long timeout = channel.replyTimeout().toNanos();
        for (int attempt = 1; attempt <= 2 && !confirmed; attempt++) {
            try {
                send();
                long deadline = System.nanoTime() + timeout;
                while (!confirmed && System.nanoTime() < deadline) {
                    channel.pump(Duration.ofNanos(Math.min(POLL.toNanos(), deadline - System.nanoTime())));
                }
            } catch (BoardException e) {
                return "STOP could not be sent (" + e.getMessage() + "): make sure the board has stopped pulsing";
            }
        }
        return confirmed ? "STOP sent and confirmed by the board"
                : "the board did not confirm STOP (no STOP_ACK, twice): make sure it has stopped pulsing";
    }
}
