package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ScpiErrorTest {

    @Test
    void keysightEmptyQueueIsNoError() {
        ScpiError e = ScpiError.parse("+0,\"No error\"\n");
        assertEquals(0, e.code());
        assertEquals("No error", e.message());
        assertTrue(e.isNoError());
    }

    @Test
    void negativeCodeWithMessage() {
        ScpiError e = ScpiError.parse("-113,\"Undefined header\"");
        assertEquals(-113, e.code());
        assertEquals("Undefined header", e.message());
        assertFalse(e.isNoError());
        assertEquals("-113,\"Undefined header\"", e.toString());
    }

    @Test
    void keithleyDetailsAfterSemicolonsAreKeptWhole() {
        ScpiError e = ScpiError.parse("-222,\"Parameter data out of range;1;2019/05/01 10:00:00.000\"");
        assertEquals(-222, e.code());
        assertEquals("Parameter data out of range;1;2019/05/01 10:00:00.000", e.message());
    }

    @Test
    void commaInsideTheMessageStaysInTheMessage() {
        ScpiError e = ScpiError.parse("-224,\"Illegal parameter value, use NORM or INV\"");
        assertEquals(-224, e.code());
        assertEquals("Illegal parameter value, use NORM or INV", e.message());
    }

    @Test
    void bareZeroIsNoError() {
        assertTrue(ScpiError.parse("0").isNoError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "No error", "\"-113\",x", "1.5,\"half\"", "\u00ff\u00fe"})
    void garbageIsRefusedQuotingTheReply(String reply) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScpiError.parse(reply));
        assertTrue(e.getMessage().contains("'" + reply + "'"), e.getMessage());
    }
}
