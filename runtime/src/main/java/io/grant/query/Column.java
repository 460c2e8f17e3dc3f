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
        return Filter.of(value == null ? field.isNull() : field.eq(value));
    }

    /** {@code column <> value}; a {@code null} value means {@code column IS NOT NULL}. */
    public Filter<M> ne(T value) {
        return Filter.of(value == null ? field.isNotNull() : field.ne(value));
    }

    /** {@code column > value}. */
    public Filter<M> gt(T value) {
        return Filter.of(field.gt(require(value, "gt")));
    }

    /** {@code column >= value}. */
    public Filter<M> ge(T value) {
        return Filter.of(field.ge(require(value, "ge")));
    }

    /** {@code column < value}. */
    public Filter<M> lt(T value) {
        return Filter.of(field.lt(require(value, "lt")));
    }

    /** {@code column <= value}. */
    public Filter<M> le(T value) {
        return Filter.of(field.le(require(value, "le")));
    }

    /** {@code column BETWEEN low AND high}, both ends included. */
    public Filter<M> between(T low, T high) {
        return Filter.of(field.between(require(low, "between (low)"), require(high, "between (high)")));
    }

    /**
     * {@code column IN (...)}; an empty collection matches no row. A {@code null} among the values matches NULL,
     * as {@link #eq eq(null)} does: {@code column IN (...) OR column IS NULL}.
     */
    public Filter<M> in(Collection<? extends T> values) {
        List<T> present = nonNull(values);
        Condition in = present.isEmpty() ? DSL.falseCondition() : field.in(present);
        return Filter.of(present.size() < values.size() ? in.or(field.isNull()) : in);
    }

    /**
     * {@code column NOT IN (...)}; an empty collection matches every row. A {@code null} among the values excludes
     * NULL, as {@link #ne ne(null)} does: {@code column NOT IN (...) AND column IS NOT NULL}.
     */
    public Filter<M> notIn(Collection<? extends T> values) {
        List<T> present = nonNull(values);
        Condition notIn = present.isEmpty() ? DSL.trueCondition() : field.notIn(present);
        return Filter.of(present.size() < values.size() ? notIn.and(field.isNotNull()) : notIn);
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
        return Filter.of(field.isNull());
    }

    /** {@code column IS NOT NULL}. */
    public Filter<M> isNotNull() {
        return Filter.of(field.isNotNull());
    }

    /** Ascending order on this column (NULLs where the database puts them; see {@link Sort#nullsFirst()}). */
    public Sort<M> asc() {
        return Sort.of(field.asc());
    }

    /** Descending order on this column (NULLs where the database puts them; see {@link Sort#nullsLast()}). */
    public Sort<M> desc() {
        return Sort.of(field.desc());
    }

    /** Sets this column to {@code value} in an update; {@code null} writes SQL NULL. */
    public Assignment<M> set(T value) {
        return new Assignment<>(this, value);
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
