package org.spinnoise.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The inputs the address fuzz target ({@link AddressFuzzTest}) found, kept as named tests (issue 18). */
class LinkFuzzFindingsTest {

    /**
     * Finding 5: {@code TCPIP::[]::15025::SOCKET} was accepted with an empty host (a socket to it reaches the local
     * machine), and printed as {@code TCPIP::::15025::SOCKET}, which does not parse. An empty host is refused: the
     * address grammar (issue 18 defect 14) takes brackets only around an IPv6 literal.
     */
    @Test
    void emptyBracketedHostIsRefusedNamingTheAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstrumentAddress.parse("TCPIP::[]::15025::SOCKET"));
        assertTrue(e.getMessage().contains("TCPIP::[]::15025::SOCKET") && e.getMessage().contains("not an IPv6 address"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstrumentAddress.parse("TCPIP:: ::5025::SOCKET"));
    }

    /**
     * Finding 5, second input: a host ending in ']' lost it, so "]]" printed as "]" and then as no host at all. Such
     * hosts are refused now; an IPv6 literal loses its brackets and prints back as the same address.
     */
    @Test
    void onlyAnIpv6LiteralLosesItsBrackets() {
        assertThrows(IllegalArgumentException.class, () -> InstrumentAddress.parse("TCPIP::]]::15025::SOCKET"));
        assertThrows(IllegalArgumentException.class, () -> InstrumentAddress.parse("TCPIP::[[]]::15025::SOCKET"));
        InstrumentAddress v6 = InstrumentAddress.parse("TCPIP::[::1]::5025::SOCKET");
        assertEquals("::1", v6.host());
        assertEquals(v6.resource(), InstrumentAddress.parse(v6.toString()).resource());
    }
}
