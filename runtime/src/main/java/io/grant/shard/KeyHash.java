package io.grant.shard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What {@link ShardResolver#hash} computes: a key's canonical bytes and their XXH64 hash. Both are part of
 * where rows live, so they never change between releases.
 *
 * <p>Canonical bytes: an integral number ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, and a
 * {@code BigInteger} or integral {@code BigDecimal} that fits in a long) is its value as 8 bytes
 * little-endian, so {@code 42}, {@code 42L} and {@code BigInteger.valueOf(42)} go to the same shard; a larger
 * integer is {@link BigInteger#toByteArray()}; text ({@code CharSequence}, {@code Character}, an enum's
 * name) is UTF-8; a {@code UUID} is its 16 bytes, most significant first; a {@code byte[]} is itself.
 * Floating-point and other keys are refused: their equality is not what a shard key needs.
 *
 * <p>XXH64 is Yann Collet's 64-bit xxHash (the reference algorithm, checked against its published values).
 */
final class KeyHash {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private KeyHash() {}

    /**
     * The canonical bytes of {@code key}.
     *
     * @throws IllegalArgumentException if {@code key} is null or of a type that cannot be a shard key
     */
    static byte[] canonicalBytes(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("A shard key must not be null");
        }
        return switch (key) {
            case Long n -> ofLong(n);
            case Integer n -> ofLong(n);
            case Short n -> ofLong(n);
            case Byte n -> ofLong(n);
            case BigInteger n -> ofInteger(n);
            case BigDecimal n when isIntegral(n) -> ofInteger(n.toBigIntegerExact());
            case CharSequence text -> text.toString().getBytes(StandardCharsets.UTF_8);
            case Character c -> c.toString().getBytes(StandardCharsets.UTF_8);
            case Enum<?> e -> e.name().getBytes(StandardCharsets.UTF_8);
            case UUID uuid -> ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
            case byte[] bytes -> bytes.clone();
            default -> throw new IllegalArgumentException("Cannot hash a shard key of type "
                    + key.getClass().getName() + " (" + key + "); ShardResolver.hash takes integral numbers, "
                    + "text, enums, UUIDs and byte[]: convert the key to one of them, or use ShardResolver.lookup");
        };
    }

    private static boolean isIntegral(BigDecimal n) {
        return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    }

    private static byte[] ofInteger(BigInteger n) {
        if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
            return ofLong(n.longValue());
        }
        return n.toByteArray();
    }

    private static byte[] ofLong(long value) {
        byte[] bytes = new byte[Long.BYTES];
        LONG_LE.set(bytes, 0, value);
        return bytes;
    }

    /** XXH64 of {@code data} with {@code seed}. */
    static long xxh64(byte[] data, long seed) {
        Objects.requireNonNull(data, "data");
        int length = data.length;
        int p = 0;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = length - 32;
            do {
                v1 = round(v1, (long) LONG_LE.get(data, p));
                v2 = round(v2, (long) LONG_LE.get(data, p + 8));
                v3 = round(v3, (long) LONG_LE.get(data, p + 16));
                v4 = round(v4, (long) LONG_LE.get(data, p + 24));
                p += 32;
            } while (p <= limit);
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = seed + P5;
        }
        h += length;
        while (p + 8 <= length) {
            h ^= round(0, (long) LONG_LE.get(data, p));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            p += 8;
        }
        if (p + 4 <= length) {
            h ^= (((int) INT_LE.get(data, p)) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            p += 4;
        }
        while (p < length) {
            h ^= (data[p] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            p++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(long acc, long value) {
        return (acc ^ round(0, value)) * P1 + P4;
    }
}
