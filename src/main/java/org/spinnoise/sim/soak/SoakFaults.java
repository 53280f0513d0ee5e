package org.spinnoise.sim.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.spinnoise.sim.FaultInjector;
import org.spinnoise.sim.SimulatedBench;

/**
 * The fault kinds the simulators offer today, as {@link SoakFault}s: on a bench acquisition, an instrument that goes
 * silent (hangs), delays its replies past a client's timeout, garbles replies, drops its connections, reboots, or
 * ignores triggers, each on a role drawn at random and each lifted after a hold of a few seconds (a bench run
 * reconnects within its policy's attempts); on a board stream, the serial port vanishing (the cable pulled). Frame
 * damage on the board's line (garbage, truncated, flipped, dropped, repeated frames) is not here: it is drawn per
 * frame by the emulator ({@link org.spinnoise.sim.board.CorruptionSpec}) and counted from its record.
 */
public final class SoakFaults {
    private SoakFaults() {
    }

    /** Every kind above. */
    public static List<SoakFault> standard() {
        List<SoakFault> kinds = new ArrayList<>();
        kinds.add(bench("bench-silence", (f, role, r) -> {
            f.silence(role);
            return "silenced " + role;
        }));
        kinds.add(bench("bench-delay", (f, role, r) -> {
            Duration delay = Duration.ofMillis(200 + r.nextInt(2_800));
            f.delayReplies(role, delay);
            return "replies of " + role + " delayed " + delay.toMillis() + " ms";
        }));
        kinds.add(bench("bench-garble", (f, role, r) -> {
            int replies = 1 + r.nextInt(3);
            f.garbleNextReplies(role, replies);
            return "next " + replies + " replies of " + role + " garbled";
        }));
        kinds.add(bench("bench-ignore-triggers", (f, role, r) -> {
            int n = 3 + r.nextInt(48);
            f.ignoreEveryNthTrigger(role, n);
            return "every " + n + "th trigger of " + role + " ignored";
        }));
        kinds.add(lasting("bench-drop-connections", (f, role, r) -> {
            f.dropConnections(role);
            return "connections of " + role + " dropped";
        }));
        kinds.add(lasting("bench-reboot", (f, role, r) -> {
            Duration down = Duration.ofMillis(300 + r.nextInt(2_700));
            f.reboot(role, down);
            return role + " rebooted, down " + down.toMillis() + " ms";
        }));
        kinds.add(new SoakFault() {
            @Override
            public String name() {
                return "board-port-vanishes";
            }

            @Override
            public Target target() {
                return Target.BOARD_STREAM;
            }

            @Override
            public Injected inject(Running running, SplittableRandom random) {
                running.board().vanish();
                return Injected.lasting("the board's serial port vanished");
            }
        });
        return List.copyOf(kinds);
    }

    /** One instrument fault on a role of the running bench. */
    @FunctionalInterface
    private interface OnRole {
        String apply(FaultInjector faults, String role, SplittableRandom random);
    }

    /** A fault that lasts a hold of 0.5 to 4 s and is then cleared. */
    private static SoakFault bench(String name, OnRole fault) {
        return benchFault(name, fault, true);
    }

    /** A fault that ends by itself (a dropped connection, a reboot's downtime). */
    private static SoakFault lasting(String name, OnRole fault) {
        return benchFault(name, fault, false);
    }

    private static SoakFault benchFault(String name, OnRole fault, boolean cleared) {
        return new SoakFault() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Target target() {
                return Target.BENCH_ACQUISITION;
            }

            @Override
            public Injected inject(Running running, SplittableRandom random) {
                SimulatedBench bench = running.bench();
                List<String> roles = List.copyOf(bench.addresses().keySet());
                String role = roles.get(random.nextInt(roles.size()));
                String detail = fault.apply(bench.faults(), role, random);
                if (!cleared) {
                    return Injected.lasting(detail);
                }
                return new Injected(detail, Duration.ofMillis(500 + random.nextInt(3_500)),
                        () -> bench.faults().clear(role));
            }
        };
    }
}
