package org.spinnoise.run.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.run.ArrayAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.JunctionArray;

/**
 * The energy ledger of a bench array run ({@link ArrayAcquisition}): its {@code reads.csv} interleaves the junctions'
 * kept bits, {@code junction-blocks.csv} says which junction made each, and each junction has its own calibration
 * ({@code junction-ID-threshold.csv}: its R_P) and operating point (the manifest's {@code array}). The walk keeps each
 * junction's state apart: a reset meets that junction's previous read, a write its latest read of state P, each
 * junction's first pulse its own calibrated R_P. Cycles that kept no bit (events.csv: ambiguous reads, bits discarded,
 * a dropped junction's held bits, bits held back when the run had its bits) count at their junction's R_P. The array's
 * junctions run the reset-write scheme whatever the recipe's switching says (each runs the per-bit or batched source).
 * A board array run's ledger is {@link BoardArrayEnergy}'s.
 */
final class ArrayEnergy {
    private ArrayEnergy() {
    }

    static EnergyLedger of(RunFolder run, RunManifest m, Acquisition a) throws IOException {
        if (m.board() != null) {
            return BoardArrayEnergy.of(run, m, a);
        }
        if (m.plan() == null || m.plan().read() == null || m.plan().reset() == null) {
            return EnergyLedger.notComputed("the manifest has no read settings or reset pulse (plan.read, plan.reset)");
        }
        Path reads = run.file(a.readsFile() == null ? "reads.csv" : a.readsFile());
        Path blocks = run.file(m.array().blocksFile() == null ? ArrayAcquisition.BLOCKS_FILE
                : m.array().blocksFile());
        for (Path needed : List.of(reads, blocks)) {
            if (!Files.isRegularFile(needed)) {
                return EnergyLedger.notComputed("the run folder has no " + needed.getFileName() + " (" + (needed
                        == reads ? "the reads behind each pulse's R" : "which junction made each bit") + ")");
            }
        }
        Map<Integer, Long> lost = RunEnergy.lostBits(RunEnergy.eventsFile(run, a));
        if (lost.containsKey(RunEnergy.NO_JUNCTION)) {
            return EnergyLedger.notComputed(String.format(Locale.ROOT, "%s has %,d bits of cycles that kept no bit "
                    + "in events naming no junction, so their junction's R_P is not known",
                    RunEnergy.eventsFile(run, a).getFileName(), lost.get(RunEnergy.NO_JUNCTION)));
        }
        List<BenchReadsWalk.Junction> walked = new ArrayList<>();
        Map<Integer, Integer> positions = new LinkedHashMap<>();
        List<JunctionArray.Junction> recorded = new ArrayList<>();
        for (JunctionArray.Junction j : m.array().junctions()) {
            long jLost = lost.getOrDefault(j.junction(), 0L);
            if (j.bits() == 0 && jLost == 0) {
                continue; // never pulsed in the acquisition: no R_P needed
            }
            Path threshold = run.file("junction-" + j.junction() + "-threshold.csv");
            Double rp = parallelOhms(threshold);
            if (rp == null) {
                return EnergyLedger.notComputed("the run folder has no readable " + threshold.getFileName()
                        + " (junction " + j.junction() + "'s calibrated R_P, which stands in where no read of it "
                        + "came before)");
            }
            PulseShape write = j.writeVolts() == null || m.plan().sweep() == null ? null
                    : new PulseShape(j.writeVolts(), m.plan().sweep().widthSeconds());
            positions.put(j.junction(), walked.size());
            walked.add(new BenchReadsWalk.Junction("junction " + j.junction(), rp, jLost, write));
            recorded.add(j);
        }
        for (Integer id : lost.keySet()) {
            if (!positions.containsKey(id)) {
                return EnergyLedger.notComputed("events.csv names junction " + id + ", which the manifest's array "
                        + "does not hold");
            }
        }
        BenchReadsWalk.Waveform waveform = new BenchReadsWalk.Waveform(false, m.plan().reset(), m.plan().read());
        BenchReadsWalk.Walked walk;
        long beyond;
        try (JunctionBlocks owners = JunctionBlocks.open(blocks, positions)) {
            walk = BenchReadsWalk.walk(reads, waveform, new BenchReadsWalk.Junctions(walked, owners));
            beyond = owners.rest();
        }
        if (walk.bits() != a.bits() || beyond != 0) {
            return EnergyLedger.notComputed(reads.getFileName() + " holds " + walk.bits() + " reads and "
                    + blocks.getFileName() + " " + (walk.bits() + beyond) + " bits, but the manifest confirms "
                    + a.bits() + " bits");
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (walk.junctions().get(i).bits() != recorded.get(i).bits()) {
                return EnergyLedger.notComputed(String.format(Locale.ROOT, "%s gives junction %d %,d bits but the "
                        + "manifest's array %,d", blocks.getFileName(), recorded.get(i).junction(),
                        walk.junctions().get(i).bits(), recorded.get(i).bits()));
            }
        }
        double bias = m.plan().read().biasVolts();
        double heldBound = walked.stream().mapToDouble(j -> bias * bias / j.parallelOhms()).sum() * a.seconds();
        return RunEnergy.assemble(m, a, "junction array of " + walked.size() + " in turn, each: "
                        + RunEnergy.benchScheme(m), walk, "write and reset pulses and reads", heldBound,
                RunEnergy.benchOutside(true), notes(m, walk, lost), m.plan().health() == null ? null
                        : m.plan().health().claimedEntropyPerBit());
    }

    private static List<String> notes(RunManifest m, BenchReadsWalk.Walked walk, Map<Integer, Long> lost) {
        List<String> notes = RunEnergy.benchNotes(m);
        notes.add("an array run: reads.csv interleaves the junctions' kept bits (junction-blocks.csv says which "
                + "junction made each); every pulse and read is divided by its own junction's R, and before a "
                + "junction's first read its own calibrated R_P (junction-ID-threshold.csv) stands in");
        long lostBits = lost.values().stream().mapToLong(Long::longValue).sum();
        if (lostBits > 0) {
            notes.add(String.format(Locale.ROOT, "%,d cycles kept no bit (ambiguous reads, bits discarded unconfirmed, "
                    + "a dropped junction's held bits and bits held back for the health tests when the run had its "
                    + "bits, from events.csv); their pulses and reads are counted at their junction's calibrated R_P",
                    lostBits));
        }
        junctionNotes(notes, m, walk, lost);
        if (m.plan().switching() != null && m.plan().switching().toggling()) {
            notes.add("the recipe names the toggle scheme, but an array's junctions run reset-write (per-bit or "
                    + "batched), as counted here");
        }
        notes.add(RunEnergy.CALIBRATION_NOT_COUNTED);
        return notes;
    }

    /**
     * The notes every array ledger has: a dropped junction's lost cycles (at its R_P: an underestimate had it broken
     * down; not counted when its R_P is not known), each junction's share of the walk, and the per-area figure being
     * one junction's.
     */
    static void junctionNotes(List<String> notes, RunManifest m, BenchReadsWalk.Walked walk, Map<Integer, Long> lost) {
        for (JunctionArray.Junction j : m.array().junctions()) {
            if (j.status().equals(JunctionArray.DROPPED) && lost.getOrDefault(j.junction(), 0L) > 0) {
                String name = "junction " + j.junction();
                boolean known = walk.junctions().stream()
                        .anyMatch(t -> t.name().equals(name) && !Double.isNaN(t.joules()));
                notes.add(name + " was dropped (" + j.reason() + "): " + (known
                        ? "its cycles without a kept bit are counted at its calibrated R_P; had it broken down, its "
                                + "R was lower and those cycles' figure is an underestimate"
                        : "its cycles without a kept bit are not counted, as its R_P is not known"));
            }
        }
        List<String> each = new ArrayList<>();
        for (BenchReadsWalk.JunctionTotal t : walk.junctions()) {
            each.add(String.format(Locale.ROOT, "%s: %,d kept bits, %,d cycles without one, %s", t.name(),
                    t.bits(), t.lostBits(), Double.isNaN(t.joules()) ? "energy not known"
                            : String.format(Locale.ROOT, "%.4g J", t.joules())));
        }
        notes.add("per junction: " + String.join("; ", each));
        if (m.profile() != null && m.profile().areaSquareMeters() != null) {
            notes.add("the device profile's area is one junction's: the per-area figures divide by one junction's "
                    + "area, as each bit is made by one junction (the array's " + walk.junctions().size()
                    + " junctions together cover that many times the area)");
        }
    }

    /** The parallel_ohms of a threshold.csv, or null when the file is missing or has no such number. */
    private static Double parallelOhms(Path thresholdCsv) throws IOException {
        if (!Files.isRegularFile(thresholdCsv)) {
            return null;
        }
        List<String> lines = Files.readAllLines(thresholdCsv, StandardCharsets.US_ASCII);
        if (lines.size() < 2) {
            return null;
        }
        int column = Arrays.asList(lines.get(0).split(",")).indexOf("parallel_ohms");
        String[] row = lines.get(1).split(",");
        try {
            double ohms = column < 0 || column >= row.length ? Double.NaN : Double.parseDouble(row[column]);
            return ohms > 0 ? ohms : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
