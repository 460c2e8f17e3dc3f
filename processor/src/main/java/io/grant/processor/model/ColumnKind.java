package io.grant.processor.model;

import java.util.Optional;

/** The kinds of value a column can hold: the column types of API.md, section 1. */
public enum ColumnKind {

    /** {@code String}. */
    STRING("java.lang.String"),
    /** {@code boolean} and {@code Boolean}. */
    BOOLEAN("java.lang.Boolean"),
    /** {@code byte} and {@code Byte}. */
    BYTE("java.lang.Byte"),
    /** {@code short} and {@code Short}. */
    SHORT("java.lang.Short"),
    /** {@code int} and {@code Integer}. */
    INTEGER("java.lang.Integer"),
    /** {@code long} and {@code Long}. */
    LONG("java.lang.Long"),
    /** {@code float} and {@code Float}. */
    FLOAT("java.lang.Float"),
    /** {@code double} and {@code Double}. */
    DOUBLE("java.lang.Double"),
    /** {@code BigDecimal}. */
    BIG_DECIMAL("java.math.BigDecimal"),
    /** {@code BigInteger}. */
    BIG_INTEGER("java.math.BigInteger"),
    /** {@code UUID}. */
    UUID("java.util.UUID"),
    /** {@code LocalDate}. */
    LOCAL_DATE("java.time.LocalDate"),
    /** {@code LocalTime}. */
    LOCAL_TIME("java.time.LocalTime"),
    /** {@code LocalDateTime}. */
    LOCAL_DATE_TIME("java.time.LocalDateTime"),
    /** {@code OffsetDateTime}. */
    OFFSET_DATE_TIME("java.time.OffsetDateTime"),
    /** {@code Instant}. */
    INSTANT("java.time.Instant"),
    /** {@code byte[]}. */
    BYTES("byte[]"),
    /** Any enum, stored by name. */
    ENUM("java.lang.Enum");

    private final String typeName;

    ColumnKind(String typeName) {
        this.typeName = typeName;
    }

    /** The canonical name of the (boxed) Java type; {@code java.lang.Enum} for enums. */
    public String typeName() {
        return typeName;
    }

    /** The kind of this column's {@code sum}, for the numeric kinds. */
    public Optional<ColumnKind> sumKind() {
        return switch (this) {
            case BYTE, SHORT, INTEGER, LONG -> Optional.of(LONG);
            case FLOAT, DOUBLE -> Optional.of(DOUBLE);
            case BIG_DECIMAL, BIG_INTEGER -> Optional.of(this);
            default -> Optional.empty();
        };
    }

    /** Whether {@code touchAll} can set the column to "now", and so whether it can be {@code updated_at}. */
    public boolean isTemporal() {
        return this == INSTANT || this == LOCAL_DATE_TIME || this == OFFSET_DATE_TIME || this == LOCAL_DATE;
    }

    /** Whether an {@code @Id} can have this kind. */
    public boolean canBeId() {
        return this == LONG || this == INTEGER || this == STRING || this == UUID;
    }
}
