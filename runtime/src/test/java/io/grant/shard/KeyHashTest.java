package io.grant.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyHashTest {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] first100() {
        byte[] bytes = new byte[100];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void xxh64MatchesTheReferenceImplementation() {
        // Values from the reference xxHash library (through Python's xxhash package), covering each code
        // path: empty, the 1-byte and 4-byte tails, the 8-byte loop, and the 32-byte stripes.
        assertThat(KeyHash.xxh64(new byte[0], 0)).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(KeyHash.xxh64(text("a"), 0)).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(KeyHash.xxh64(text("abc"), 0)).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(KeyHash.xxh64(text("Nobody inspects the spammish repetition"), 0)).isEqualTo(0xFBCEA83C8A378BF1L);
        assertThat(KeyHash.xxh64(first100(), 0)).isEqualTo(0x6AC1E58032166597L);
        assertThat(KeyHash.xxh64(new byte[0], 12345)).isEqualTo(0x95584AF7701F808DL);
        assertThat(KeyHash.xxh64(text("abc"), 12345)).isEqualTo(0x01700E64F6F23509L);
        assertThat(KeyHash.xxh64(first100(), 12345)).isEqualTo(0x028BA1AE2DE4DE27L);
    }

    @Test
    void integralNumbersAreEightBytesLittleEndian() {
        assertThat(KeyHash.canonicalBytes(1)).containsExactly(1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(KeyHash.canonicalBytes(-1L)).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1);
        assertThat(KeyHash.canonicalBytes(new java.math.BigInteger("18446744073709551616")))
                .containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
