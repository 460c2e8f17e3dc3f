package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Every supported column type, primitive and boxed, with a {@code String} id.
 *
 * @param code the key
 * @param text a string
 * @param flag a boolean
 * @param maybe a Boolean
 * @param tiny a byte
 * @param tinyBoxed a Byte
 * @param small a short
 * @param smallBoxed a Short
 * @param number an int
 * @param numberBoxed an Integer
 * @param big a long
 * @param bigBoxed a Long
 * @param ratio a float
 * @param ratioBoxed a Float
 * @param measure a double
 * @param measureBoxed a Double
 * @param amount a BigDecimal
 * @param huge a BigInteger
 * @param uuid a UUID
 * @param day a LocalDate
 * @param time a LocalTime
 * @param local a LocalDateTime
 * @param offset an OffsetDateTime
 * @param instant an Instant
 * @param bytes bytes
 * @param color an enum
 */
@GrantModel
public record Specimen(
        @Id String code,
        String text,
        boolean flag, Boolean maybe,
        byte tiny, Byte tinyBoxed,
        short small, Short smallBoxed,
        int number, Integer numberBoxed,
        long big, Long bigBoxed,
        float ratio, Float ratioBoxed,
        double measure, Double measureBoxed,
        BigDecimal amount,
        BigInteger huge,
        UUID uuid,
        LocalDate day,
        LocalTime time,
        LocalDateTime local,
        OffsetDateTime offset,
        Instant instant,
        byte[] bytes,
        Color color) {

    /** A color. */
    public enum Color {
        /** Red. */
        RED,
        /** Green. */
        GREEN
    }
}
