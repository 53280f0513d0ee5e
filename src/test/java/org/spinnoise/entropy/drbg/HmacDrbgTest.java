package org.spinnoise.entropy.drbg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HmacDrbgTest {

    static Stream<CavpDrbgVectors.Case> noReseedCases() throws IOException {
        return CavpDrbgVectors.read("/drbg/HMAC_DRBG_SHA256_no_reseed.rsp").stream();
    }

    static Stream<CavpDrbgVectors.Case> reseedCases() throws IOException {
        return CavpDrbgVectors.read("/drbg/HMAC_DRBG_SHA256_pr_false.rsp").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noReseedCases")
    void matchesCavpWithoutReseed(CavpDrbgVectors.Case vector) {
        HmacDrbg drbg = new HmacDrbg();
        drbg.instantiate(vector.entropyInput(), vector.nonce(), vector.personalization());
        byte[] out = new byte[vector.returnedBits().length];
        drbg.generate(out, vector.additionalInput1());
        drbg.generate(out, vector.additionalInput2());
        assertArrayEquals(vector.returnedBits(), out, () -> HexFormat.of().formatHex(out));
        assertEquals(3, drbg.reseedCounter());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reseedCases")
    void matchesCavpWithReseed(CavpDrbgVectors.Case vector) {
        HmacDrbg drbg = new HmacDrbg();
        drbg.instantiate(vector.entropyInput(), vector.nonce(), vector.personalization());
        drbg.reseed(vector.entropyInputReseed(), vector.additionalInputReseed());
        assertEquals(1, drbg.reseedCounter());
        byte[] out = new byte[vector.returnedBits().length];
        drbg.generate(out, vector.additionalInput1());
        drbg.generate(out, vector.additionalInput2());
        assertArrayEquals(vector.returnedBits(), out, () -> HexFormat.of().formatHex(out));
    }

    @Test
    void vectorFilesCoverEveryCombination() throws IOException {
        List<CavpDrbgVectors.Case> all = Stream.concat(noReseedCases(), reseedCases()).toList();
        assertTrue(all.stream().anyMatch(c -> c.personalization().length == 0 && c.additionalInput1().length == 0));
        assertTrue(all.stream().anyMatch(c -> c.personalization().length == 0 && c.additionalInput1().length == 32));
        assertTrue(all.stream().anyMatch(c -> c.personalization().length == 32 && c.additionalInput1().length == 0));
        assertTrue(all.stream().anyMatch(c -> c.personalization().length == 32 && c.additionalInput1().length == 32));
        assertEquals(3, reseedCases().count());
    }

    @Test
    void nullAndEmptyOptionalInputsAreTheSame() {
        byte[] entropy = new byte[32];
        byte[] nonce = new byte[16];
        Arrays.fill(entropy, (byte) 7);
        HmacDrbg withNull = new HmacDrbg();
        HmacDrbg withEmpty = new HmacDrbg();
        withNull.instantiate(entropy, nonce, null);
        withEmpty.instantiate(entropy, nonce, new byte[0]);
        byte[] a = new byte[100];
        byte[] b = new byte[100];
        withNull.generate(a, null);
        withEmpty.generate(b, new byte[0]);
        assertArrayEquals(a, b);
    }

    @Test
    void refusesToGeneratePastTheReseedIntervalUntilReseeded() {
        HmacDrbg drbg = new HmacDrbg(2);
        drbg.instantiate(new byte[32], new byte[16], null);
        byte[] out = new byte[16];
        drbg.generate(out, null);
        drbg.generate(out, null);
        assertEquals(3, drbg.reseedCounter());
        byte[] before = out.clone();
        ReseedRequiredException refused = assertThrows(ReseedRequiredException.class, () -> drbg.generate(out, null));
        assertTrue(refused.getMessage().contains("reseed"), refused.getMessage());
        assertArrayEquals(before, out, "nothing is written when generation is refused");
        drbg.reseed(new byte[32], null);
        drbg.generate(out, null);
        assertEquals(2, drbg.reseedCounter());
    }

    @Test
    void defaultReseedIntervalIsTheStandardsMaximum() {
        assertEquals(1L << 48, new HmacDrbg().reseedIntervalRequests());
        assertThrows(IllegalArgumentException.class, () -> new HmacDrbg((1L << 48) + 1));
        assertThrows(IllegalArgumentException.class, () -> new HmacDrbg(0));
    }

    @Test
    void requestSizeIsCappedAtTwoToTheNineteenBits() {
        HmacDrbg drbg = new HmacDrbg();
        drbg.instantiate(new byte[32], new byte[16], null);
        drbg.generate(new byte[65_536], null);
        assertThrows(IllegalArgumentException.class, () -> drbg.generate(new byte[65_537], null));
    }

    @Test
    void rejectsShortSeedsAndUseBeforeInstantiation() {
        HmacDrbg drbg = new HmacDrbg();
        assertFalse(drbg.isInstantiated());
        assertThrows(IllegalStateException.class, () -> drbg.generate(new byte[1], null));
        assertThrows(IllegalArgumentException.class, () -> drbg.instantiate(new byte[31], new byte[16], null));
        assertThrows(IllegalArgumentException.class, () -> drbg.instantiate(new byte[32], new byte[15], null));
        drbg.instantiate(new byte[32], new byte[16], null);
        assertThrows(IllegalArgumentException.class, () -> drbg.reseed(new byte[31], null));
    }
}
