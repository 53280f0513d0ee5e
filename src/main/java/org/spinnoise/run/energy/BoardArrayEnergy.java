package org.spinnoise.run.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.run.ArrayAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.run.manifest.JunctionArray;

/**
 * The energy ledger of a board array run ({@code org.spinnoise.run.BoardArrayAcquisition}): every junction streamed
 * under a mask of its own, so each STREAM frame's pulses fired and bits (PROTOCOL.md §4.6) are one junction's, and the
 * manifest's {@code array} keeps them per junction ({@code board_stream}) beside the operating point the board
 * applied for it ({@code board_applied}, after its calibration). The walk is {@link BoardBitsWalk}'s with each
 * junction's own cycle, state and R_P / R_AP (its {@code board_calibration}); {@code junction-blocks.csv} says which
 * junction made each bit of bits.bin. A junction's cycles that kept no bit are its pulses fired minus its kept bits,
 * plus its bits missing from the stream, counted at its R_P. An older manifest without those records gets a ledger
 * that names what it lacks.
 */
final class BoardArrayEnergy {
    private BoardArrayEnergy() {
    }

    static EnergyLedger of(RunFolder run, RunManifest m, Acquisition a) throws IOException {
        Path blocks = run.file(m.array().blocksFile() == null ? ArrayAcquisition.BLOCKS_FILE
                : m.array().blocksFile());
        if (!Files.isRegularFile(blocks)) {
            return EnergyLedger.notComputed("the run folder has no " + blocks.getFileName() + " (which junction made "
                    + "each bit)");
        }
        List<String> lacking = new ArrayList<>();
        List<BoardBitsWalk.Junction> walked = new ArrayList<>();
        Map<Integer, Integer> positions = new LinkedHashMap<>();
        Map<Integer, Long> lost = new LinkedHashMap<>();
        List<JunctionArray.Junction> recorded = new ArrayList<>();
        for (JunctionArray.Junction j : m.array().junctions()) {
            if (j.boardApplied() == null || j.boardStream() == null) {
                if (j.bits() > 0) {
                    lacking.add(String.valueOf(j.junction()));
                }
                continue; // with no bits and no stream record it never streamed: no pulse to count
            }
            StreamReport s = j.boardStream();
            long cycles = s.pulsesFired() + s.missingBits();
            if (cycles < j.bits()) {
                return EnergyLedger.notComputed(String.format(Locale.ROOT, "junction %d kept %,d bits but its "
                        + "board_stream counts only %,d pulses fired and %,d bits missing", j.junction(), j.bits(),
                        s.pulsesFired(), s.missingBits()));
            }
            BoardOperatingPoint p = j.boardApplied();
            BoardCalibrationRecord cal = j.boardCalibration();
            positions.put(j.junction(), walked.size());
            walked.add(new BoardBitsWalk.Junction("junction " + j.junction(), new BoardBitsWalk.Cycle(p.writeVolts(),
                    p.writeWidthSeconds(), p.resetVolts(), p.resetWidthSeconds(),
                    cal == null ? null : cal.parallelOhms(), cal == null ? null : cal.antiparallelOhms()),
                    cycles - j.bits()));
            lost.put(j.junction(), cycles - j.bits());
            recorded.add(j);
        }
        if (walked.isEmpty() && lacking.isEmpty()) { // bits, yet no junction says it streamed
            m.array().junctions().forEach(j -> lacking.add(String.valueOf(j.junction())));
        }
        if (!lacking.isEmpty()) {
            return EnergyLedger.notComputed("a board array run whose manifest predates the per-junction board "
                    + "records: array.junctions[].board_applied (the write and reset pulses the board applied for "
                    + "each junction after its calibration) and array.junctions[].board_stream (the pulses the board "
                    + "fired and the bits received and missing for each junction, where the manifest's stream sums "
                    + "them over the junctions) are missing for junction" + (lacking.size() == 1 ? " " : "s ")
                    + String.join(", ", lacking) + ", so the pulses "
                    + "cannot be divided by each junction's R_P and R_AP; runs made since record them");
        }
        BenchReadsWalk.Walked walk;
        long beyond;
        try (JunctionBlocks owners = JunctionBlocks.open(blocks, positions)) {
            walk = BoardBitsWalk.walk(RunEnergy.boardBits(run, a), a.bits(), walked, owners);
            beyond = owners.rest();
        }
        if (beyond != 0) {
            return EnergyLedger.notComputed(String.format(Locale.ROOT, "%s covers %,d bits but the manifest confirms "
                    + "%,d", blocks.getFileName(), a.bits() + beyond, a.bits()));
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (walk.junctions().get(i).bits() != recorded.get(i).bits()) {
                return EnergyLedger.notComputed(String.format(Locale.ROOT, "%s gives junction %d %,d bits but the "
                        + "manifest's array %,d", blocks.getFileName(), recorded.get(i).junction(),
                        walk.junctions().get(i).bits(), recorded.get(i).bits()));
            }
        }
        String scheme = "board junction array of " + walked.size() + " in turns, each: " + RunEnergy.BOARD_CYCLE;
        return RunEnergy.assemble(m, a, scheme, walk, RunEnergy.BOARD_COVERS, null, RunEnergy.BOARD_OUTSIDE,
                notes(run, m, walk, recorded, lost), m.boardPlan() == null ? null
                        : m.boardPlan().claimedEntropyPerBit());
    }

    private static List<String> notes(RunFolder run, RunManifest m, BenchReadsWalk.Walked walk,
                                      List<JunctionArray.Junction> recorded, Map<Integer, Long> lost) {
        List<String> notes = RunEnergy.boardNotes();
        notes.add("a board array run: each junction streamed under a mask of its own (PROTOCOL.md §4.3: one bit is "
                + "one cycle on a selected junction), so the pulses fired and bits of its STREAM frames (§4.6) are its "
                + "own (array.junctions[].board_stream); junction-blocks.csv says which junction made each bit, and "
                + "each junction's pulses use its own applied operating point (board_applied) and its own board "
                + "calibration's R_P and R_AP (board_calibration)");
        long lostAll = lost.values().stream().mapToLong(Long::longValue).sum();
        if (lostAll > 0) {
            List<String> each = new ArrayList<>();
            for (JunctionArray.Junction j : recorded) {
                StreamReport s = j.boardStream();
                each.add(String.format(Locale.ROOT, "junction %d: %,d pulses fired beyond its bits received, %,d "
                                + "bits received but not kept, %,d missing", j.junction(),
                        s.pulsesFired() - s.bitsReceived(), s.bitsReceived() - j.bits(), s.missingBits()));
            }
            notes.add(String.format(Locale.ROOT, "%,d cycles kept no bit (a junction's pulses fired minus its kept "
                    + "bits, plus its bits missing from the stream: cycles whose read the board discarded, bits held "
                    + "back for the health tests, dropped or discarded, frames lost on the line); counted at their "
                    + "junction's R_P (%s)", lostAll, String.join("; ", each)));
        }
        ArrayEnergy.junctionNotes(notes, m, walk, lost);
        if (Files.isRegularFile(run.file("tracking.csv"))) {
            notes.add("drift tracking moved the junctions' write amplitudes during the run (tracking.csv); each "
                    + "junction's write pulses are counted at the last operating point the board applied for it");
        }
        List<String> noOhms = recorded.stream().filter(j -> j.boardCalibration() == null
                || j.boardCalibration().parallelOhms() == null || j.boardCalibration().antiparallelOhms() == null)
                .map(j -> String.valueOf(j.junction())).toList();
        if (!noOhms.isEmpty()) {
            notes.add("junction(s) " + String.join(", ", noOhms) + " have no R_P or R_AP in ohms (no board "
                    + "calibration of their own, or one without --ohms-per-read-code): their pulses' energy is not "
                    + "known");
        }
        notes.add("board calibration pulses are not in this ledger (each junction's counts are in its "
                + "array.junctions[].board_calibration)");
        return notes;
    }
}
