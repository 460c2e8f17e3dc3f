package io.grant.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * A numeric column: the only kind {@code sum} and {@code avg} accept. {@code S} is the type of its sum:
 * {@code Long} for byte/short/int/long, {@code Double} for float/double, {@code BigDecimal} for BigDecimal
 * and {@code BigInteger} for BigInteger.
 *
 * @param <M> the model
 * @param <T> the (boxed) value type
 * @param <S> the type of the column's sum
 */
public final class NumericColumn<M, T extends Number, S extends Number> extends Column<M, T> {

    private static final Map<Class<?>, Class<?>> SUM_TYPES = Map.of(
            Byte.class, Long.class,
            Short.class, Long.class,
            Integer.class, Long.class,
            Long.class, Long.class,
            Float.class, Double.class,
            Double.class, Double.class,
            BigDecimal.class, BigDecimal.class,
            BigInteger.class, BigInteger.class);

    private final Class<S> sumType;

    private NumericColumn(Class<M> model, String property, String name, Class<T> type, Class<S> sumType) {
        super(model, property, name, type);
        this.sumType = Objects.requireNonNull(sumType, "sumType");
        Class<?> expected = SUM_TYPES.get(type);
        if (expected == null) {
            throw new IllegalArgumentException(type.getName() + " is not a numeric column type");
        }
        if (expected != sumType) {
            throw new IllegalArgumentException("The sum of a " + type.getSimpleName() + " column is a "
                    + expected.getSimpleName() + ", not a " + sumType.getSimpleName());
        }
    }

    /**
     * A numeric column of {@code model}, stored in {@code name}, for field {@code property} of {@code type},
     * whose sum is a {@code sumType}.
     */
    public static <M, T extends Number, S extends Number> NumericColumn<M, T, S> of(
            Class<M> model, String property, String name, Class<T> type, Class<S> sumType) {
        return new NumericColumn<>(model, property, name, type, sumType);
    }

    /** The type of this column's sum. */
    public Class<S> sumType() {
        return sumType;
    }

    /**
     * Converts an exact sum to {@code S}; {@code null} (no rows) becomes zero.
     *
     * @throws ArithmeticException if the sum does not fit {@code S} exactly (a whole-number sum beyond {@code long})
     */
    public S toSum(BigDecimal sum) {
        BigDecimal value = sum == null ? BigDecimal.ZERO : sum;
        Object converted;
        if (sumType == Long.class) {
            converted = value.longValueExact();
        } else if (sumType == Double.class) {
            converted = value.doubleValue();
        } else if (sumType == BigInteger.class) {
            converted = value.toBigIntegerExact();
        } else {
            converted = value;
        }
        return sumType.cast(converted);
    }
}
