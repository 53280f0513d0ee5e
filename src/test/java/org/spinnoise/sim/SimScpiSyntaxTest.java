package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sim's own SCPI parser, exercised through a simulated Trueform without sockets. */
class SimScpiSyntaxTest {
    private final BenchFile demo = BenchFile.demo();
    private final JunctionNode junction = new JunctionNode(new MtjJunction(demo.junctions().get(0), 1L));
    private final SimulatedTrueform generator =
            new SimulatedTrueform(demo.models().get("keysight-33622a"), "pulse", Map.of(1, junction, 2, junction),
                    new FaultInjector(java.util.List.of("pulse"), 1L));

    private String error() {
        return generator.handle("SYST:ERR?");
    }

    @Test
    void shortLongAndMixedCaseFormsAreTheSameCommand() {
        assertNull(generator.handle("SOURce1:FUNCtion:PULSe:WIDTh 2e-7"));
        assertEquals("+2.000000000000000E-07", generator.handle("FUNC:PULS:WIDT?"));
        generator.handle("function:pulse:width 3e-7");
        assertEquals("+3.000000000000000E-07", generator.handle("Func:Puls:Widt?"));
        generator.handle("sour1:func:puls:widt 4e-7");
        assertEquals("+4.000000000000000E-07", generator.handle(":SOURCE1:FUNCTION:PULSE:WIDTH?"));
        assertEquals("+0,\"No error\"", error());
    }

    @Test
    void formsBetweenShortAndLongAreUndefined() {
        generator.handle("FUNCT:PULS:WIDT 2e-7");
        assertEquals("-113,\"Undefined header\"", error());
    }

    @Test
    void channelSuffixSelectsTheChannelAndOutOfRangeSuffixIsUndefined() {
        generator.handle("SOUR2:VOLT:HIGH 0.5;:OUTP2 ON");
        assertEquals("+5.000000000000000E-02", generator.handle("SOUR1:VOLT:HIGH?"));
        assertEquals("+5.000000000000000E-01", generator.handle("SOUR2:VOLT:HIGH?"));
        assertEquals("0;1", generator.handle("OUTP?;OUTP2?"));
        generator.handle("SOUR3:VOLT:HIGH 0.5");
        assertEquals("-113,\"Undefined header\"", error());
    }

    @Test
    void semicolonJoinsUnitsAndRelativeHeadersReuseThePreviousPath() {
        generator.handle("VOLT:HIGH 0.7;LOW 0;:FUNC PULS;FUNC:PULS:WIDT 1E-7;PER 1E-6");
        assertEquals("+7.000000000000000E-01;+0.000000000000000E+00", generator.handle("VOLT:HIGH?;LOW?"));
        assertEquals("PULS;+1.000000000000000E-07;+1.000000000000000E-06",
                generator.handle("FUNC?;FUNC:PULS:WIDT?;PER?"));
        assertEquals("Keysight Technologies,33622A,MY00000002,A.02.03-3.15-2.00;1",
                generator.handle("*IDN?;*OPC?"));
        assertEquals("+0,\"No error\"", error());
    }

    @Test
    void commonCommandsDoNotChangeTheCurrentPath() {
        generator.handle("VOLT:HIGH 0.8;*CLS;LOW 0.1");
        assertEquals("+1.000000000000000E-01", generator.handle("VOLT:LOW?"));
    }

    @Test
    void siSuffixesAndMinMaxDefAreUnderstood() {
        generator.handle("FUNC:PULS:WIDT 100NS");
        assertEquals("+1.000000000000000E-07", generator.handle("FUNC:PULS:WIDT?"));
        generator.handle("FUNC:PULS:WIDT 0.25us");
        assertEquals("+2.500000000000000E-07", generator.handle("FUNC:PULS:WIDT?"));
        generator.handle("VOLT:HIGH 700MV");
        assertEquals("+7.000000000000000E-01", generator.handle("VOLT:HIGH?"));
        generator.handle("FUNC:PULS:WIDT MIN");
        assertEquals("+1.600000000000000E-08", generator.handle("FUNC:PULS:WIDT?"));
        generator.handle("FUNC:PULS:WIDT DEF");
        assertEquals("+1.000000000000000E-04", generator.handle("FUNC:PULS:WIDT?"));
        assertEquals("+1.000000000000000E+08", generator.handle("BURS:NCYC? MAX"));
        generator.handle("FUNC:PULS:WIDT 100XS");
        assertEquals("-131,\"Invalid suffix\"", error());
        generator.handle("BURS:NCYC 5V");
        assertEquals("-131,\"Invalid suffix\"", error());
    }

    /** 33500 Series Operating and Service Guide p. 69: the width is shortened to the period less 16 ns. */
    @Test
    void aWidthTooLongForThePeriodIsShortenedToFit() {
        generator.handle("FUNC:PULS:PER 1e-6;WIDT 2e-6");
        assertEquals("+9.840000000000000E-07", generator.handle("FUNC:PULS:WIDT?"));
        assertEquals("+0,\"No error\"", error(), "the guide names no error for this adjustment");
    }

    @Test
    void outOfRangeGivesMinus222AndTheLevelWindowClips() {
        generator.handle("FUNC:PULS:WIDT 1e-7");
        generator.handle("FUNC:PULS:WIDT 1e-12");
        assertEquals("-222,\"Data out of range\"", error());
        assertEquals("+1.000000000000000E-07", generator.handle("FUNC:PULS:WIDT?"));
        generator.handle("VOLT:HIGH 6");
        assertEquals("-222,\"Data out of range\"", error(), "6 V is beyond +5 V into 50 ohm");
        assertEquals("+5.000000000000000E+00", generator.handle("VOLT:HIGH?"), "clipped to the range (guide p. 323)");
        generator.handle("OUTP:LOAD INF;:VOLT:HIGH 6");
        assertEquals("+0,\"No error\"", error(), "6 V is fine open circuit");
    }

    @Test
    void missingParameterAndConflicts() {
        generator.handle("VOLT:HIGH");
        assertEquals("-109,\"Missing parameter\"", error());
        generator.handle("OUTP ON,OFF");
        assertEquals("-108,\"Parameter not allowed\"", error());
        // Guide p. 323: a low level above the high one moves the high level 1 mV above it, and vice versa.
        generator.handle("VOLT:LOW 0.2");
        assertEquals("-221,\"Settings conflict\"", error());
        assertEquals("+2.010000000000000E-01", generator.handle("VOLT:HIGH?"));
        generator.handle("VOLT:HIGH 0.1");
        assertEquals("-221,\"Settings conflict\"", error());
        assertEquals("+9.900000000000000E-02", generator.handle("VOLT:LOW?"));
        generator.handle("OUTP MAYBE");
        assertEquals("-104,\"Data type error\"", error());
        generator.handle("FUNC SAWTOOTH");
        assertEquals("-224,\"Illegal parameter value\"", error());
        generator.handle("VOLT::HIGH 0.5");
        assertEquals("-102,\"Syntax error\"", error());
    }

    @Test
    void errorQueueIsFifoAndDrains() {
        generator.handle("BOGUS");
        generator.handle("FUNC:PULS:WIDT 1e9");
        generator.handle("VOLT:HIGH");
        assertEquals("-113,\"Undefined header\"", generator.handle("SYSTem:ERRor:NEXT?"));
        assertEquals("-222,\"Data out of range\"", error());
        assertEquals("-109,\"Missing parameter\"", error());
        assertEquals("+0,\"No error\"", error());
    }

    @Test
    void aFullQueueEndsWithQueueOverflowAndClsEmptiesIt() {
        for (int i = 0; i < 25; i++) {
            generator.handle("BOGUS" + i);
        }
        for (int i = 0; i < 19; i++) {
            assertEquals("-113,\"Undefined header\"", error());
        }
        assertEquals("-350,\"Queue overflow\"", error());
        assertEquals("+0,\"No error\"", error());
        generator.handle("BOGUS");
        generator.handle("*CLS");
        assertEquals("+0,\"No error\"", error());
    }

    @Test
    void aCommandErrorDiscardsTheRestOfTheMessageButAnExecutionErrorDoesNot() {
        assertEquals("+5.000000000000000E-02", generator.handle("VOLT:HIGH?;BOGUS;VOLT:HIGH 0.9"));
        assertEquals("+5.000000000000000E-02", generator.handle("VOLT:HIGH?"));
        generator.handle("FUNC:PULS:WIDT 1e9;:VOLT:HIGH 0.9");
        assertEquals("+9.000000000000000E-01", generator.handle("VOLT:HIGH?"));
        assertEquals("-113,\"Undefined header\"", error());
        assertEquals("-222,\"Data out of range\"", error());
    }

    @Test
    void eventStatusRegisterRecordsErrorClassesAndOpc() {
        generator.handle("BOGUS");
        generator.handle("VOLT:HIGH 99");
        generator.handle("*OPC");
        assertEquals(Integer.toString(32 + 16 + 1), generator.handle("*ESR?"));
        assertEquals("0", generator.handle("*ESR?"));
    }

    @Test
    void queriesOfCommandsOnlyAndCommandsOfQueriesOnlyAreUndefined() {
        generator.handle("*IDN");
        assertEquals("-113,\"Undefined header\"", error());
        generator.handle("TRIG?");
        assertEquals("-113,\"Undefined header\"", error());
    }

    @Test
    void resetRestoresDefaults() {
        generator.handle("FUNC PULS;:OUTP ON;:BURS:NCYC 7;:OUTP:LOAD INF");
        generator.handle("*RST");
        assertEquals("SIN;0;+1.000000000000000E+00;+5.000000000000000E+01",
                generator.handle("FUNC?;:OUTP?;:BURS:NCYC?;:OUTP:LOAD?"));
    }
}
