package org.spinnoise.sim.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * This process's resident memory outside the Java heap's reserved address range: what the JVM's own structures,
 * thread stacks, code and the C heap hold. The Java heap's resident size follows the collector's sizing (G1 commits
 * and gives back regions as it sees fit, up to -Xmx), which moves RSS by a hundred MB or more from one sample to the
 * next and is not a leak; a leak of Java objects shows in the live set after a full collection instead. Read from
 * {@code /proc/self/smaps} (the sum of each mapping's Rss), with the heap's range from the JVM's own
 * {@code GC.heap_info} diagnostic command.
 */
final class ResidentOutsideHeap {
    private static final Pattern HEAP_RANGE = Pattern.compile("\\[0x([0-9a-f]+), 0x([0-9a-f]+)\\)");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-[0-9a-f]+ ");

    private final long heapStart;
    private final long heapEnd;

    private ResidentOutsideHeap(long heapStart, long heapEnd) {
        this.heapStart = heapStart;
        this.heapEnd = heapEnd;
    }

    /** The heap's range as this JVM reports it; an instance that answers −1 where it cannot be found. */
    static ResidentOutsideHeap locate() {
        try {
            Object info = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcHeapInfo",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Matcher m = HEAP_RANGE.matcher(String.valueOf(info));
            if (m.find()) {
                return new ResidentOutsideHeap(Long.parseUnsignedLong(m.group(1), 16),
                        Long.parseUnsignedLong(m.group(2), 16));
            }
        } catch (JMException | RuntimeException notThisJvm) {
            // another JVM or no diagnostic commands: the figure is unknown
        }
        return new ResidentOutsideHeap(-1, -1);
    }

    /** Resident bytes outside the Java heap now, or −1 when the heap's range or {@code /proc/self/smaps} is unknown. */
    long bytes() {
        if (heapStart < 0) {
            return -1;
        }
        long totalKib = 0;
        long heapKib = 0;
        boolean inHeap = false;
        try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/self/smaps"))) {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher mapping = MAPPING.matcher(line);
                if (mapping.find()) {
                    long start = Long.parseUnsignedLong(mapping.group(1), 16);
                    inHeap = Long.compareUnsigned(start, heapStart) >= 0 && Long.compareUnsigned(start, heapEnd) < 0;
                } else if (line.startsWith("Rss:")) {
                    long kib = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                    totalKib += kib;
                    heapKib += inHeap ? kib : 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return (totalKib - heapKib) * 1024;
    }
}
