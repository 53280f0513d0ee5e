package org.spinnoise.entropy.drbg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CtrDrbgTest {

    static Stream<CavpDrbgVectors.Case> cases() throws IOException {
        return CavpDrbgVectors.read("/drbg/CTR_DRBG_AES256_no_df_pr_false.rsp").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesCavpWithReseed(CavpDrbgVectors.Case vector) {
        CtrDrbg drbg = new CtrDrbg();
        drbg.instantiate(vector.entropyInput(), vector.personalization());
        drbg.reseed(vector.entropyInputReseed(), vector.additionalInputReseed());
        byte[] out = new byte[vector.returnedBits().length];
        drbg.generate(out, 0, out.length, vector.additionalInput1());
        drbg.generate(out, 0, out.length, vector.additionalInput2());
        assertArrayEquals(vector.returnedBits(), out, () -> HexFormat.of().formatHex(out));
        assertEquals(3, drbg.reseedCounter());
    }

    @Test
    void vectorFileCoversEachInputCombination() throws IOException {
        List<CavpDrbgVectors.Case> all = cases().toList();
        assertEquals(9, all.size());
        assertEquals(3, all.stream().filter(c -> c.personalization().length == 0
                && c.additionalInput1().length == 0).count());
        assertEquals(3, all.stream().filter(c -> c.personalization().length == 0
                && c.additionalInput1().length == 48).count());
        assertEquals(3, all.stream().filter(c -> c.personalization().length == 48
                && c.additionalInput1().length == 48).count());
    }

    /** The CTR-mode shortcut must give the same bytes however a request is cut, including partial blocks. */
    @Test
    void requestsOfAnyLengthFollowTheSameBlockSequence() {
        byte[] entropy = new byte[48];
        Arrays.fill(entropy, (byte) 0x5a);
        CtrDrbg whole = new CtrDrbg();
        whole.instantiate(entropy, null);
        byte[] expected = new byte[1000];
        whole.generate(expected, 0, expected.length, null);

        // A 37-byte request uses 3 blocks; a fresh DRBG generating 37 then must match the first 37 of the 1000
        // (the update after each request changes later output, so compare only the first request).
        CtrDrbg partial = new CtrDrbg();
        partial.instantiate(entropy, new byte[0]);
        byte[] first = new byte[37];
        partial.generate(first, 0, first.length, new byte[0]);
        assertArrayEquals(Arrays.copyOf(expected, 37), first);
    }

    @Test
    void refusesPastTheReseedIntervalAndWrongSeedSizes() {
        CtrDrbg drbg = new CtrDrbg(2);
        drbg.instantiate(new byte[48], null);
        byte[] out = new byte[16];
        drbg.generate(out, 0, 16, null);
        drbg.generate(out, 0, 16, null);
        assertThrows(ReseedRequiredException.class, () -> drbg.generate(out, 0, 16, null));
        drbg.reseed(new byte[48], null);
        drbg.generate(out, 0, 16, null);
        assertThrows(IllegalArgumentException.class, () -> drbg.reseed(new byte[32], null));
        assertThrows(IllegalArgumentException.class, () -> drbg.generate(out, 0, 16, new byte[49]));
        assertThrows(IllegalArgumentException.class,
                () -> drbg.generate(new byte[70_000], 0, 70_000, null));
        assertThrows(IllegalStateException.class, () -> new CtrDrbg().generate(out, 0, 16, null));
    }
}
