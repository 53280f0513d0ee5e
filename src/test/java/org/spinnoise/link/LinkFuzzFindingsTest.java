package org.spinnoise.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The inputs the address fuzz target ({@link AddressFuzzTest}) found, kept as named tests (issue 18). */
class LinkFuzzFindingsTest {

    /**
     * Finding 5: {@code TCPIP::[]::15025::SOCKET} was accepted with an empty host (a socket to it reaches the local
     * machine), and printed as {@code TCPIP::::15025::SOCKET}, which does not parse. An empty host is refused.
     */
    @Test
    void emptyBracketedHostIsRefusedNamingTheAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InstrumentAddress.parse("TCPIP::[]::15025::SOCKET"));
        assertTrue(e.getMessage().contains("TCPIP::[]::15025::SOCKET") && e.getMessage().contains("no host"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InstrumentAddress.parse("TCPIP:: ::5025::SOCKET"));
    }

    /** Finding 5, second input: a host ending in ']' lost it, so "]]" printed as "]" and then as no host at all. */
    @Test
    void onlyAnIpv6LiteralLosesItsBrackets() {
        InstrumentAddress odd = InstrumentAddress.parse("TCPIP::]]::15025::SOCKET");
        assertEquals("]]", odd.host());
        assertEquals(odd.resource(), InstrumentAddress.parse(odd.toString()).resource());
        assertEquals("::1", InstrumentAddress.parse("TCPIP::[::1]::5025::SOCKET").host());
        InstrumentAddress bracketed = InstrumentAddress.parse("TCPIP::[[]]::15025::SOCKET");
        assertEquals("[]", bracketed.host());
        assertEquals(bracketed.resource(), InstrumentAddress.parse(bracketed.toString()).resource());
    }
}
