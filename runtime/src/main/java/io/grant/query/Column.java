package io.grant.query;

import io.grant.internal.ColumnTypes;
import io.grant.internal.SqlNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A persisted field of model {@code M} holding values of type {@code T}: builds typed {@link Filter}s, {@link Sort}s
 * and {@link Assignment}s of its model. A column of another model does not compile where a {@code Column<M, ?>} is
 * expected, and its filters do not compile in another model's {@code where}.
 * The generated companions hold one constant per column ({@code UserAsync.NAME}).
 *
 * @param <M> the model
 * @param <T> the (boxed) value type
 */
public class Column<M, T> {

    private final Class<M> model;
    private final String property;
    private final String name;
    private final Class<T> type;
    private final Field<T> field;

    /**
     * @param model the model class
     * @param property the Java field (or record component) name
     * @param name the database column name
     * @param type the boxed value type
     */
    protected Column(Class<M> model, String property, String name, Class<T> type) {
        this.model = Objects.requireNonNull(model, "model");
        this.property = Objects.requireNonNull(property, "property");
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("column name of " + model.getSimpleName() + "." + property + " is blank");
        }
        DataType<T> dataType =
                ColumnTypes.of(type, model.getSimpleName() + "." + property + " (column '" + name + "')");
        this.field = DSL.field(SqlNames.name(name), dataType);
    }

    /** A column of {@code model}, stored in {@code name}, for field {@code property} of {@code type}. */
    public static <M, T> Column<M, T> of(Class<M> model, String property, String name, Class<T> type) {
        return new Column<>(model, property, name, type);
    }

    /** The model class. */
    public Class<M> model() {
        return model;
    }

    /** The Java field (or record component) name. */
    public String property() {
        return property;
    }

    /** The database column name. */
    public String name() {
        return name;
    }

    /** The boxed value type. */
    public Class<T> type() {
        return type;
    }

    /** The jOOQ field, for anything else jOOQ can express. */
    public Field<T> field() {
        return field;
    }

    /** {@code column = value}; a {@code null} value means {@code column IS NULL}. */
    public Filter<M> eq(T value) {
        return value == null ? isNull() : filter(field.eq(value), "=", value);
    }

    /** {@code column <> value}; a {@code null} value means {@code column IS NOT NULL}. */
    public Filter<M> ne(T value) {
        return value == null ? isNotNull() : filter(field.ne(value), "<>", value);
    }

    /** {@code column > value}. */
    public Filter<M> gt(T value) {
        return filter(field.gt(require(value, "gt")), ">", value);
    }

    /** {@code column >= value}. */
    public Filter<M> ge(T value) {
        return filter(field.ge(require(value, "ge")), ">=", value);
    }

    /** {@code column < value}. */
    public Filter<M> lt(T value) {
        return filter(field.lt(require(value, "lt")), "<", value);
    }

    /** {@code column <= value}. */
    public Filter<M> le(T value) {
        return filter(field.le(require(value, "le")), "<=", value);
    }

    /** {@code column BETWEEN low AND high}, both ends included. */
    public Filter<M> between(T low, T high) {
        require(low, "between (low)");
        require(high, "between (high)");
        return Filter.of(field.between(low, high), List.of(this, "between"), List.of(low, high));
    }

    /**
     * {@code column IN (...)}; an empty collection matches no row. A {@code null} among the values matches NULL,
     * as {@link #eq eq(null)} does: {@code column IN (...) OR column IS NULL}.
     */
    public Filter<M> in(Collection<? extends T> values) {
        List<T> present = nonNull(values);
        Condition in = present.isEmpty() ? DSL.falseCondition() : field.in(present);
        boolean orNull = present.size() < values.size();
        return Filter.of(orNull ? in.or(field.isNull()) : in, List.of(this, "in", present.size(), orNull),
                List.copyOf(present));
    }

    /**
     * {@code column NOT IN (...)}; an empty collection matches every row. A {@code null} among the values excludes
     * NULL, as {@link #ne ne(null)} does: {@code column NOT IN (...) AND column IS NOT NULL}.
     */
    public Filter<M> notIn(Collection<? extends T> values) {
        List<T> present = nonNull(values);
        Condition notIn = present.isEmpty() ? DSL.trueCondition() : field.notIn(present);
        boolean andNotNull = present.size() < values.size();
        return Filter.of(andNotNull ? notIn.and(field.isNotNull()) : notIn,
                List.of(this, "not in", present.size(), andNotNull), List.copyOf(present));
    }

    private static <T> List<T> nonNull(Collection<? extends T> values) {
        Objects.requireNonNull(values, "values");
        List<T> present = new ArrayList<>(values.size());
        for (T value : values) {
            if (value != null) {
                present.add(value);
            }
        }
        return present;
    }

    /** {@code column IS NULL}. */
    public Filter<M> isNull() {
        return Filter.of(field.isNull(), List.of(this, "is null"), List.of());
    }

    /** {@code column IS NOT NULL}. */
    public Filter<M> isNotNull() {
        return Filter.of(field.isNotNull(), List.of(this, "is not null"), List.of());
    }

    /** Ascending order on this column (NULLs where the database puts them; see {@link Sort#nullsFirst()}). */
    public Sort<M> asc() {
        return Sort.of(field.asc(), this, false);
    }

    /** Descending order on this column (NULLs where the database puts them; see {@link Sort#nullsLast()}). */
    public Sort<M> desc() {
        return Sort.of(field.desc(), this, true);
    }

    /** Sets this column to {@code value} in an update; {@code null} writes SQL NULL. */
    public Assignment<M> set(T value) {
        return new Assignment<>(this, value);
    }

    /** A filter of this column: {@code condition}, which compares it with {@code value} by {@code operator}. */
    final Filter<M> filter(Condition condition, String operator, Object value) {
        return Filter.of(condition, List.of(this, operator), List.of(value));
    }

    private T require(T value, String operator) {
        if (value == null) {
            throw new IllegalArgumentException(model.getSimpleName() + "." + property + "." + operator
                    + "(null) has no meaning in SQL; use isNull() or isNotNull()");
        }
        return value;
    }

    @Override
    public String toString() {
        return model.getSimpleName() + "." + property + " (" + name + ")";
    }
}
