package org.spinnoise.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstrumentAddressTest {

    /** Parses text that must fail and checks the message names the address as typed, so a user can find it. */
    private static String failureOf(String text) {
        String message = assertThrows(IllegalArgumentException.class, () -> InstrumentAddress.parse(text))
                .getMessage();
        assertTrue(message.contains("'" + text + "'"), () -> "message does not name the address: " + message);
        return message;
    }

    @Test
    void rawSocketGivesHostPortAndDefaults() {
        InstrumentAddress a = InstrumentAddress.parse("TCPIP::192.168.0.5::5025::SOCKET");
        assertEquals(InstrumentAddress.Transport.TCP_SOCKET, a.transport());
        assertEquals("192.168.0.5", a.host());
        assertEquals(5025, a.port());
        assertNull(a.devicePath());
        assertEquals(InstrumentAddress.DEFAULT_TIMEOUT, a.timeout());
        assertEquals(Termination.LF, a.readTermination());
        assertEquals(Termination.LF, a.writeTermination());
        assertEquals("TCPIP::192.168.0.5::5025::SOCKET", a.resource());
    }

    @Test
    void boardNumberLowerCaseAndHostNamesAreAccepted() {
        InstrumentAddress a = InstrumentAddress.parse("TCPIP0::awg.lab.local::5025::SOCKET");
        assertEquals("awg.lab.local", a.host());
        InstrumentAddress lower = InstrumentAddress.parse("  tcpip::smu-2450::5025::socket  ");
        assertEquals("smu-2450", lower.host());
        assertEquals(5025, lower.port());
    }

    @Test
    void ipv6HostLosesItsBracketsAndPrintsBackParseable() {
        InstrumentAddress a = InstrumentAddress.parse("TCPIP::[::1]::5025::SOCKET");
        assertEquals("::1", a.host());
        assertEquals(5025, a.port());
        // The printed resource goes into logs and manifests; it must read back as the same instrument.
        assertEquals(a, InstrumentAddress.parse(a.resource()));
    }

    @Test
    void serialDeviceByPath() {
        InstrumentAddress a = InstrumentAddress.parse("ASRL/dev/ttyUSB0::INSTR");
        assertEquals(InstrumentAddress.Transport.SERIAL, a.transport());
        assertEquals("/dev/ttyUSB0", a.devicePath());
        assertEquals(SerialSettings.DEFAULT, a.serial());
        assertEquals("ASRL/dev/ttyUSB0::INSTR", a.resource());
        assertEquals("COM3", InstrumentAddress.parse("ASRLCOM3::INSTR").devicePath());
    }

    @Test
    void serialOptionsAreAllApplied() {
        InstrumentAddress a = InstrumentAddress.parse(
                "ASRL/dev/ttyACM0::INSTR?baud=115200&parity=even&stopbits=2&flow=rtscts&timeout_ms=500&read_term=CRLF");
        SerialSettings s = a.serial();
        assertEquals(115200, s.baud());
        assertEquals(8, s.dataBits());
        assertEquals(SerialSettings.Parity.EVEN, s.parity());
        assertEquals(SerialSettings.StopBits.TWO, s.stopBits());
        assertEquals(SerialSettings.FlowControl.RTSCTS, s.flowControl());
        assertEquals(Duration.ofMillis(500), a.timeout());
        assertEquals(Termination.CRLF, a.readTermination());
        assertEquals(Termination.LF, a.writeTermination());
    }

    @Test
    void tcpTakesTimeoutAndTerminations() {
        InstrumentAddress a = InstrumentAddress.parse("TCPIP::10.0.0.2::5025::SOCKET?timeout_ms=250&write_term=crlf");
        assertEquals(Duration.ofMillis(250), a.timeout());
        assertEquals(Termination.CRLF, a.writeTermination());
        // Options are not part of the resource name.
        assertEquals("TCPIP::10.0.0.2::5025::SOCKET", a.resource());
    }

    @Test
    void vxi11IsRefusedWithTheSocketForm() {
        String message = failureOf("TCPIP::192.168.0.5::INSTR");
        assertTrue(message.contains("TCPIP::<host>::5025::SOCKET"), message);
        assertTrue(message.contains("VXI-11"), message);
        failureOf("TCPIP0::192.168.0.5::hislip0::INSTR");
    }

    @Test
    void numericSerialPortIsRefusedWithTheDevicePathForm() {
        String message = failureOf("ASRL1::INSTR");
        assertTrue(message.contains("ASRL/dev/ttyUSB0::INSTR"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCPIP::host::0::SOCKET", "TCPIP::host::65536::SOCKET", "TCPIP::host::99999999999::SOCKET"})
    void portOutsideRangeIsRefused(String text) {
        String message = failureOf(text);
        assertTrue(message.contains("1..65535"), message);
    }

    @Test
    void unknownOptionIsRefused() {
        String tcp = failureOf("TCPIP::host::5025::SOCKET?baud=9600");
        assertTrue(tcp.contains("unknown option 'baud'"), tcp);
        String serial = failureOf("ASRL/dev/ttyUSB0::INSTR?speed=9600");
        assertTrue(serial.contains("'speed'"), serial);
        String notPair = failureOf("ASRL/dev/ttyUSB0::INSTR?baud");
        assertTrue(notPair.contains("key=value"), notPair);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ASRL/dev/ttyUSB0::INSTR?baud=fast",
        "ASRL/dev/ttyUSB0::INSTR?baud=10",
        "ASRL/dev/ttyUSB0::INSTR?databits=9",
        "ASRL/dev/ttyUSB0::INSTR?parity=sometimes",
        "ASRL/dev/ttyUSB0::INSTR?stopbits=3",
        "ASRL/dev/ttyUSB0::INSTR?flow=maybe",
        "TCPIP::host::5025::SOCKET?timeout_ms=0",
        "TCPIP::host::5025::SOCKET?timeout_ms=soon",
        "TCPIP::host::5025::SOCKET?read_term=NUL"})
    void badOptionValueIsRefusedNamingTheValue(String text) {
        String message = failureOf(text);
        String value = text.substring(text.indexOf('=') + 1);
        // The user must see which value was wrong, not just a Java parse failure.
        assertTrue(message.contains(value) || message.contains("positive"), message);
        assertTrue(!message.contains("No enum constant") && !message.contains("For input string"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "GPIB0::22::INSTR", "ASRL::INSTR", "USB0::0x0957::INSTR"})
    void garbageIsRefusedWithBothSupportedForms(String text) {
        String message = failureOf(text);
        assertTrue(message.contains("SOCKET") && message.contains("ASRL"), message);
    }

    /**
     * Malformed raw-socket addresses, each with what its message must say (issue 18 defect 14): a port that is not a
     * number was once refused as "VXI-11 and HiSLIP are not supported", which sent users looking for the wrong fault.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TCPIP::127.0.0.1::abc::SOCKET     | the port 'abc' is not a number",
        "TCPIP::127.0.0.1::50x25::SOCKET   | the port '50x25' is not a number",
        "TCPIP::127.0.0.1::-5025::SOCKET   | the port '-5025' is not a number",
        "TCPIP::127.0.0.1::::SOCKET        | the port '' is not a number",
        "TCPIP::127.0.0.1::SOCKET          | a raw socket is host, port and SOCKET",
        "TCPIP::127.0.0.1::5025::SOCKT     | does not end in ::SOCKET",
        "TCPIP::127.0.0.1::5025::SOCKET::x | does not end in ::SOCKET",
        "TCPIP::127.0.0.1::5025            | does not end in ::SOCKET",
        "TCPIP::127.0.0.1:5025::SOCKET     | '127.0.0.1:5025' is not a host name",
        "TCPIP::::5025::SOCKET             | '' is not a host name",
        "TCPIP::my host::5025::SOCKET      | 'my host' is not a host name",
        "TCPIP::[::1::5025::SOCKET         | no closing ']'",
        "TCPIP::[lab]::5025::SOCKET        | '[lab]' is not an IPv6 address",
        "TCPIP::[::1]5025::SOCKET          | expected '::' after the host"})
    void aMalformedSocketAddressSaysWhatIsWrongWithIt(String text, String expected) {
        String message = failureOf(text);
        assertTrue(message.contains(expected), message);
        assertTrue(!message.contains("VXI-11"), "not a VXI-11 address, yet: " + message);
        assertTrue(message.contains("TCPIP::<host>::<port>::SOCKET") || message.contains("1..65535"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TCPIP::192.168.0.5", "TCPIP::192.168.0.5::inst0::INSTR", "TCPIP1::awg::hislip0::INSTR"})
    void onlyTheVxi11AndHislipFormsAreCalledThat(String text) {
        assertTrue(failureOf(text).contains("VXI-11 and HiSLIP are not"));
    }
}
