package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void fourFieldsAreSplitAndTrimmed() {
        Identity id = Identity.parse("Keysight Technologies, 33622A ,MY12345678,A.02.03-3.15-03-64-02\n");
        assertEquals("Keysight Technologies", id.manufacturer());
        assertEquals("33622A", id.model());
        assertEquals("MY12345678", id.serialNumber());
        assertEquals("A.02.03-3.15-03-64-02", id.firmware());
        assertEquals("Keysight Technologies 33622A", id.label());
        assertEquals("Keysight Technologies, 33622A ,MY12345678,A.02.03-3.15-03-64-02", id.raw());
    }

    @Test
    void firmwareMayHoldCommas() {
        Identity id = Identity.parse("KEITHLEY INSTRUMENTS,MODEL 2450,04096331,1.7.12b,extra");
        assertEquals("MODEL 2450", id.model());
        assertEquals("1.7.12b,extra", id.firmware());
    }

    @Test
    void missingFieldsAreEmpty() {
        Identity id = Identity.parse("ACME");
        assertEquals("ACME", id.manufacturer());
        assertEquals("", id.model());
        assertEquals("", id.serialNumber());
        assertEquals("", id.firmware());
        assertEquals("ACME", id.label());
    }
}
