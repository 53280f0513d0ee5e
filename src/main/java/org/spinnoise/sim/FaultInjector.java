package org.spinnoise.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runtime faults for the simulated instruments, by role, so controller tests can exercise timeout and recovery paths
 * over real connections: a silenced instrument reads requests but neither executes nor answers them (a hung
 * instrument); garbled replies are replaced by a line of random bytes; delayed replies arrive late, after a client may
 * have timed out, and so come back as stale replies to its next query; dropping connections closes every open TCP
 * connection of the role (new ones are accepted; a serial line has nothing to drop); a reboot drops them, refuses new
 * ones for a while and brings the instrument back at its power-on state; a spurious error appears in the instrument's
 * error queue and event status register without any command having caused it (a self-test or hardware fault report);
 * a vanishing serial line tears down the pseudo-terminal pair of a serial instrument, as when its USB adapter is
 * pulled. {@link #clear} ends all faults but a reboot, which ends by itself, and a vanished line, which stays gone.
 * Board faults (damaged and lost frames, a vanished port) are the board emulator's; host faults (a full disk,
 * damaged pool segments, SIGKILL) are {@link HostFaults}.
 */
public final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    /** The faults of one role, read by its sessions on every request. */
    private static final class RoleFaults {
        volatile boolean silenced;
        volatile Duration replyDelay = Duration.ZERO;
        final AtomicInteger repliesToGarble = new AtomicInteger();
        final List<Runnable> connectionDroppers = new CopyOnWriteArrayList<>();
        final SplittableRandom garbageRandom;
        /** Every this-many-th trigger is refused with -211 "Trigger ignored"; 0 for never. */
        volatile int ignoreEveryNthTrigger;
        final AtomicInteger triggersSeen = new AtomicInteger();
        /** Until when (System.nanoTime) a rebooting instrument is down; 0 when it is up. */
        volatile long downUntilNanos;
        final List<Consumer<String>> powerOns = new CopyOnWriteArrayList<>();
        final List<IntConsumer> errorRaisers = new CopyOnWriteArrayList<>();
        final List<Runnable> lineVanishers = new CopyOnWriteArrayList<>();

        RoleFaults(long seed) {
            garbageRandom = new SplittableRandom(seed);
        }
    }

    private final Map<String, RoleFaults> faults;

    FaultInjector(List<String> roles, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        faults = new ConcurrentHashMap<>(roles.stream()
                .collect(Collectors.toMap(Function.identity(), role -> new RoleFaults(seeds.nextLong()))));
    }

    /** From now on the instrument reads requests but never executes or answers them. */
    public void silence(String role) {
        of(role).silenced = true;
        LOG.info("fault: {} silenced", role);
    }

    /** Replaces the next {@code count} replies of the role with a line of garbage bytes. */
    public void garbleNextReplies(String role, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        of(role).repliesToGarble.set(count);
        LOG.info("fault: next {} replies of {} garbled", count, role);
    }

    /** Holds every reply of the role for {@code delay} before sending it. */
    public void delayReplies(String role, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        of(role).replyDelay = delay;
        LOG.info("fault: replies of {} delayed by {}", role, delay);
    }

    /**
     * From now on every {@code n}-th trigger the role's pulse generator receives is refused: no pulse is delivered and
     * -211 "Trigger ignored" goes to its error queue, as a real generator does with a trigger it cannot accept. On an
     * SMU that paces a batch (2450, 2400, 2600B, B2900) every {@code n}-th cycle loses its reading, as an aborted
     * cycle would, so the batch's buffer ends short.
     */
    public void ignoreEveryNthTrigger(String role, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        RoleFaults roleFaults = of(role);
        roleFaults.triggersSeen.set(0);
        roleFaults.ignoreEveryNthTrigger = n;
        LOG.info("fault: every {}th trigger of {} ignored", n, role);
    }

    /** Closes every connection of the role that is open now. */
    public void dropConnections(String role) {
        LOG.info("fault: dropping connections of {}", role);
        of(role).connectionDroppers.forEach(Runnable::run);
    }

    /**
     * The instrument reboots, as after a power glitch or a watchdog reset: every open connection is closed, for
     * {@code downtime} new connections end at once and lines are ignored, and it comes back in its power-on state
     * (outputs off, settings at their reset values, error queue empty, Power On in its event status register).
     */
    public void reboot(String role, Duration downtime) {
        rebootAs(role, downtime, null);
    }

    /**
     * As {@link #reboot}, but what comes back answers {@code *IDN?} with another serial number (null keeps the
     * model's): another unit of the same model now sits at the address.
     */
    public void rebootAs(String role, Duration downtime, String serialNumber) {
        if (downtime.isNegative()) {
            throw new IllegalArgumentException("downtime must not be negative, was " + downtime);
        }
        RoleFaults roleFaults = of(role);
        LOG.info("fault: {} reboots, down for {}{}", role, downtime,
                serialNumber == null ? "" : ", back as serial " + serialNumber);
        roleFaults.downUntilNanos = System.nanoTime() + Math.max(1, downtime.toNanos());
        roleFaults.connectionDroppers.forEach(Runnable::run);
        roleFaults.powerOns.forEach(powerOn -> powerOn.accept(serialNumber));
    }

    /**
     * The role's instrument queues {@code code} in its error queue and sets the error's bit in its event status
     * register now, as a real instrument does when it reports a fault of its own (a self-test failure, an
     * overload, a hardware error) between two commands; nothing the client sent caused it.
     */
    public void raiseSpuriousError(String role, int code) {
        if (code >= 0) {
            throw new IllegalArgumentException("a SCPI error code is negative (e.g. -310 System error), was " + code);
        }
        LOG.info("fault: {} raises spurious error {}", role, code);
        of(role).errorRaisers.forEach(raiser -> raiser.accept(code));
    }

    /**
     * The serial line of the role's instrument vanishes for good: its socat pseudo-terminal pair is torn down, so
     * the client's port disappears under it (a pulled USB-serial adapter). Only a serial instrument has a line.
     */
    public void vanishSerialLine(String role) {
        RoleFaults roleFaults = of(role);
        if (roleFaults.lineVanishers.isEmpty()) {
            throw new IllegalArgumentException("instrument '" + role + "' is not on a serial line (use dropConnections "
                    + "for a TCP instrument)");
        }
        LOG.info("fault: serial line of {} vanishes", role);
        roleFaults.lineVanishers.forEach(Runnable::run);
    }

    /** Ends silence, garbling, delay and ignored triggers for the role. */
    public void clear(String role) {
        RoleFaults roleFaults = of(role);
        roleFaults.silenced = false;
        roleFaults.replyDelay = Duration.ZERO;
        roleFaults.repliesToGarble.set(0);
        roleFaults.ignoreEveryNthTrigger = 0;
        LOG.info("fault: {} cleared", role);
    }

    /** True while the role's instrument is rebooting. */
    boolean isDown(String role) {
        long until = of(role).downUntilNanos;
        return until != 0 && System.nanoTime() - until < 0;
    }

    void onReboot(String role, Consumer<String> powerOn) {
        of(role).powerOns.add(powerOn);
    }

    boolean isSilenced(String role) {
        return of(role).silenced;
    }

    Duration replyDelay(String role) {
        return of(role).replyDelay;
    }

    /** True, consuming one count, if this reply is to be garbled. */
    boolean takeGarble(String role) {
        return of(role).repliesToGarble.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** A line of random bytes, none of them a line feed, ending with the line feed a client waits for. */
    byte[] garbage(String role) {
        SplittableRandom random = of(role).garbageRandom;
        synchronized (random) {
            byte[] bytes = new byte[8 + random.nextInt(24)];
            for (int i = 0; i < bytes.length - 1; i++) {
                bytes[i] = (byte) (0x80 + random.nextInt(0x80));
            }
            bytes[bytes.length - 1] = '\n';
            return bytes;
        }
    }

    /** True, counting this trigger, if it is one the role's instrument must refuse. */
    boolean takeIgnoredTrigger(String role) {
        RoleFaults roleFaults = of(role);
        int n = roleFaults.ignoreEveryNthTrigger;
        return n > 0 && roleFaults.triggersSeen.incrementAndGet() % n == 0;
    }

    void onSpuriousError(String role, IntConsumer raiser) {
        of(role).errorRaisers.add(raiser);
    }

    void onVanishSerialLine(String role, Runnable vanisher) {
        of(role).lineVanishers.add(vanisher);
    }

    void onDropConnections(String role, Runnable dropper) {
        of(role).connectionDroppers.add(dropper);
    }

    private RoleFaults of(String role) {
        RoleFaults roleFaults = faults.get(role);
        if (roleFaults == null) {
            throw new IllegalArgumentException("no instrument role '" + role + "' on this bench; roles are " + faults.keySet());
        }
        return roleFaults;
    }
}
