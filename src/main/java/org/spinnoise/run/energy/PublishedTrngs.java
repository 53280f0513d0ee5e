package org.spinnoise.run.energy;

import java.util.List;

/**
 * Published CMOS true-random generators' energy per bit (and area where published), for the report to set a run's
 * ledger beside, each with where the figure was read. Only figures found and read in a source are here; what could not
 * be found (a paper's area, a record's authors or year) is said so in the entry rather than filled in. These are whole
 * on-chip generators (entropy source, and post-processing where the paper includes it) at their supply voltage; a
 * run's figure is the junction alone, without its instruments, so the comparison is of the device, not of systems.
 */
public final class PublishedTrngs {
    private PublishedTrngs() {
    }

    /**
     * One published generator.
     *
     * @param design                what it is and its process
     * @param authors               the authors as the source found lists them
     * @param venue                 journal or conference, volume and pages where found
     * @param year                  year of publication, or what is known of it
     * @param joulesPerBit          the published energy per bit
     * @param areaSquareMicrometers the published area (null: not published in what was found)
     * @param figure                the published sentence the figures come from, in short
     * @param source                where the figure was read
     */
    public record Entry(String design, String authors, String venue, String year, double joulesPerBit,
                        Double areaSquareMicrometers, String figure, String source) {
    }

    /** The entries, oldest first. */
    public static final List<Entry> ALL = List.of(
            new Entry("Intel all-digital TRNG (cross-coupled inverter pair), 45 nm high-k/metal-gate CMOS",
                    "S. K. Mathew, S. Srinivasan, M. A. Anders, H. Kaul, S. K. Hsu, F. Sheikh, A. Agarwal, S. Satpathy, "
                            + "R. K. Krishnamurthy",
                    "IEEE Journal of Solid-State Circuits, \"2.4 Gbps, 7 mW All-Digital PVT-Variation Tolerant True "
                            + "Random Number Generator for 45 nm CMOS High-Performance Microprocessors\"",
                    "2012 (as the issue cites it; the record found does not show the year)", 2.9e-12, 4004.0,
                    "abstract: 2.9 pJ/bit, layout 4004 µm², 2.4 Gbps at 7 mW total, measured at 1.1 V, 50 °C",
                    "abstract as indexed at manuscript.isc.ac/Inventory/49/1327255.htm"),
            new Entry("µRNG, all-digital full-entropy TRNG (three entropy sources, BIW extractor), 14 nm FinFET CMOS",
                    "not shown in the record found (an Intel paper by its subject; authors not verified)",
                    "IEEE journal paper, IEEE Xplore document 7480363, \"µRNG: A 300–950 mV, 323 Gbps/W All-Digital "
                            + "Full-Entropy True Random Number Generator in 14 nm FinFET CMOS\"",
                    "not shown in the record found", 3e-12, 1008.0,
                    "abstract: 3 pJ per full-entropy bit, 1008 µm², 162.5 Mbps at 1.5 mW, measured at 0.75 V, 25 °C",
                    "IEEE Xplore document 7480363 (abstract)"),
            new Entry("latch-based TRNG with mismatch compensation, 130 nm CMOS",
                    "R. Zhang, X. Wang, K. Liu, H. Shinohara",
                    "IEEE Journal of Solid-State Circuits, vol. 57, no. 8, pp. 2498–2508, \"A 0.186-pJ per Bit "
                            + "Latch-Based True Random Number Generator Featuring Mismatch Compensation and Random "
                            + "Noise Enhancement\", doi:10.1109/JSSC.2021.3137312",
                    "2022 (August issue)", 0.186e-12, 5561.0,
                    "abstract: 0.186 pJ/bit at 0.3 V; core (four entropy sources + XOR) 661 µm², total 5561 µm² with "
                            + "the 8-bit von Neumann post-processing (the total is used here)",
                    "the paper's first page and abstract (JSSC vol. 57 no. 8, p. 2498)"),
            new Entry("capacitive-latch TRNG with autozeroed inverter mismatch, 28 nm CMOS",
                    "W. Lee, C. Sim, C. Kim, J. Jeon, H. Jung, T. Kim, C. Kim",
                    "IEEE Solid-State Circuits Letters, \"A 38.1 fJ/bit Capacitive-Latch True Random Number Generator "
                            + "Featuring Both Autozeroed Inverter Mismatch and Accelerated Evaluation\", "
                            + "doi:10.1109/LSSC.2025.3608187",
                    "2025 (published online 9 September 2025)", 38.1e-15, null,
                    "abstract: 38.1 fJ/bit minimum at 0.4 V, 162.48 Mb/s maximum at 0.9 V; area not in the abstract "
                            + "found",
                    "abstract in a library catalogue record (DOI 10.1109/LSSC.2025.3608187)"));
}
