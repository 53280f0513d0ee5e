package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sites of a bench file: a site is one junction with its own pulse generator and SMU, as a lab wires an array
 * without a switch matrix. Site 1 is the roles {@code "pulse"} and {@code "smu"} (so every single-junction bench is a
 * one-site bench, unchanged); site N is {@code "pulse-N"} and {@code "smu-N"}. Both instruments of a site must be wired
 * to the same one junction, and no junction may belong to two sites; a bench file that breaks these rules is refused
 * in one line naming the file and the role.
 */
public final class BenchSites {
    private static final Pattern ROLE = Pattern.compile("(pulse|smu)(?:-([1-9][0-9]*))?");

    /** One site: its number (from 1), its two roles and the junction both are wired to. */
    public record Site(int number, String pulseRole, String smuRole, int junction) {
    }

    private BenchSites() {
    }

    /** The bench's sites in order of their number. */
    public static List<Site> of(BenchFile bench) {
        Map<Integer, String[]> roles = new TreeMap<>();
        for (String role : bench.instruments().keySet()) {
            Matcher m = ROLE.matcher(role);
            if (!m.matches()) {
                continue; // instruments that belong to no site (none today) are not this class's business
            }
            int number = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            if (number == 1 && m.group(2) != null) {
                throw bad(bench, "role '" + role + "' is site 1, which is named '" + m.group(1) + "'");
            }
            roles.computeIfAbsent(number, n -> new String[2])[m.group(1).equals("pulse") ? 0 : 1] = role;
        }
        List<Site> sites = new ArrayList<>();
        Set<Integer> junctionsTaken = new HashSet<>();
        for (var entry : roles.entrySet()) {
            String pulse = entry.getValue()[0];
            String smu = entry.getValue()[1];
            if (pulse == null || smu == null) {
                throw bad(bench, "site " + entry.getKey() + " has " + (pulse == null ? "an SMU '" + smu
                        + "' but no pulse generator" : "a pulse generator '" + pulse + "' but no SMU")
                        + "; give each site both roles");
            }
            int junction = onlyJunction(bench, smu);
            if (onlyJunction(bench, pulse) != junction) {
                throw bad(bench, "'" + pulse + "' and '" + smu + "' are wired to different junctions; a site's two "
                        + "instruments reach one junction");
            }
            if (!junctionsTaken.add(junction)) {
                throw bad(bench, "junction " + junction + " belongs to two sites (again in '" + smu + "')");
            }
            sites.add(new Site(entry.getKey(), pulse, smu, junction));
        }
        if (sites.isEmpty()) {
            throw bad(bench, "no site: name the instruments 'pulse' and 'smu' (and 'pulse-2', 'smu-2', ... for more)");
        }
        return List.copyOf(sites);
    }

    private static int onlyJunction(BenchFile bench, String role) {
        Set<Integer> junctions = new HashSet<>(bench.instruments().get(role).wiring().values());
        if (junctions.size() != 1) {
            throw bad(bench, "'" + role + "' is wired to junctions " + junctions + "; an instrument of a site is "
                    + "wired to exactly one");
        }
        return junctions.iterator().next();
    }

    private static SimulationException bad(BenchFile bench, String why) {
        return new SimulationException("Bad bench file " + bench.source() + ": " + why);
    }
}
