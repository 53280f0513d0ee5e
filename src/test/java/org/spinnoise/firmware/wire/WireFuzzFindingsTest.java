package org.spinnoise.firmware.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The inputs the board-wire fuzz targets ({@link BoardWireFuzzTest}) found, kept as named tests (issue 18). */
class WireFuzzFindingsTest {

    /**
     * Finding 4: a vector line whose string field ends in a cut-short escape ({@code %2}) threw
     * StringIndexOutOfBoundsException instead of the documented IllegalArgumentException naming the problem.
     */
    @Test
    void escapeCutShortAtTheEndOfAStringIsRefusedInOneLine() {
        String line = "ERROR seq=12 flags=1 code=3 request_seq=65535 message=CONFIGURE%20while%2";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageText.parse(line));
        assertTrue(e.getMessage().contains("two hex digits"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
