package io.grant.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** The jOOQ data type of each supported column type. Not API. */
public final class ColumnTypes {

    private static final Map<Class<?>, DataType<?>> TYPES = Map.ofEntries(
            Map.entry(String.class, SQLDataType.VARCHAR),
            Map.entry(Boolean.class, SQLDataType.BOOLEAN),
            Map.entry(Byte.class, SQLDataType.TINYINT),
            Map.entry(Short.class, SQLDataType.SMALLINT),
            Map.entry(Integer.class, SQLDataType.INTEGER),
            Map.entry(Long.class, SQLDataType.BIGINT),
            Map.entry(Float.class, SQLDataType.REAL),
            Map.entry(Double.class, SQLDataType.DOUBLE),
            Map.entry(BigDecimal.class, SQLDataType.NUMERIC),
            Map.entry(BigInteger.class, SQLDataType.DECIMAL_INTEGER),
            Map.entry(UUID.class, SQLDataType.UUID),
            Map.entry(LocalDate.class, SQLDataType.LOCALDATE.asConvertedDataType(LocalTimeBinding.localDate())),
            Map.entry(LocalTime.class, SQLDataType.LOCALTIME.asConvertedDataType(LocalTimeBinding.localTime())),
            Map.entry(LocalDateTime.class,
                    SQLDataType.LOCALDATETIME.asConvertedDataType(LocalTimeBinding.localDateTime())),
            Map.entry(OffsetDateTime.class,
                    SQLDataType.OFFSETDATETIME.asConvertedDataType(UtcTimestampBinding.offsetDateTime())),
            Map.entry(Instant.class, SQLDataType.OFFSETDATETIME.asConvertedDataType(UtcTimestampBinding.instant())),
            Map.entry(byte[].class, SQLDataType.VARBINARY));

    private static final Set<Class<?>> TEMPORAL = Set.of(
            Instant.class, LocalDateTime.class, OffsetDateTime.class, LocalDate.class);

    private ColumnTypes() {}

    /**
     * The data type for values of {@code type}. An enum is stored by name; reading a name the enum lacks fails
     * naming the column as {@code column} describes it ({@code "User.mood (column 'mood')"}).
     *
     * @throws IllegalArgumentException if Grant does not map {@code type}
     */
    public static <T> DataType<T> of(Class<T> type, String column) {
        if (type.isEnum()) {
            return enumType(type, column);
        }
        return of(type);
    }

    /**
     * The data type for values of {@code type}.
     *
     * @throws IllegalArgumentException if Grant does not map {@code type}
     */
    public static <T> DataType<T> of(Class<T> type) {
        if (type.isEnum()) {
            return enumType(type, "a column of " + EnumNames.describe(type));
        }
        DataType<?> dataType = TYPES.get(type);
        if (dataType == null) {
            throw new IllegalArgumentException("Unsupported column type " + type.getName() + "; use one of "
                    + "String, Boolean, Byte, Short, Integer, Long, Float, Double, BigDecimal, BigInteger, UUID, "
                    + "LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant, byte[] or an enum");
        }
        @SuppressWarnings("unchecked") // TYPES maps each class to the data type of that very class
        DataType<T> typed = (DataType<T>) dataType;
        return typed;
    }

    /** Whether {@code touchAll} can set a column of {@code type} to "now". */
    public static boolean isTemporal(Class<?> type) {
        return TEMPORAL.contains(type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // type.isEnum() was checked; Class<T> is a Class<E extends Enum<E>>
    private static <T> DataType<T> enumType(Class<T> type, String column) {
        return (DataType<T>) SQLDataType.VARCHAR.asConvertedDataType(new EnumNames(type, column));
    }
}
