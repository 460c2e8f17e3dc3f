package io.grant.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * A condition on the rows of model {@code M}, made from its column constants ({@code UserAsync.AGE.ge(18)}) and
 * combined with {@link #and}, {@link #or} and {@link #not()}. It is typed by its model, so a filter of one model
 * never slips into another model's {@code where}: {@code OrderAsync.where(UserAsync.ID.eq(5L))} does not compile.
 * It is deliberately not a jOOQ {@link Condition}; {@link #condition()} gives one for use in jOOQ, and raw jOOQ
 * conditions go through {@code where(Condition...)}. Immutable.
 *
 * <pre>{@code
 * Filter<User> adults = UserAsync.AGE.ge(18).and(UserAsync.ACTIVE.isTrue());
 * UserAsync.where(adults, UserAsync.NAME.startsWith("A")).count();
 * UserAsync.where(UserAsync.AGE.lt(13).or(UserAsync.AGE.gt(90)).not()).count();
 * }</pre>
 *
 * @param <M> the model whose rows it filters
 */
public final class Filter<M> {

    private final Condition condition;
    /** What the SQL of {@link #condition} looks like, values aside; {@code null} when not known (a raw condition). */
    private final Object shape;
    /** The values bound into {@link #condition}, in the order they were given. */
    private final List<Object> values;

    private Filter(Condition condition, Object shape, List<Object> values) {
        this.condition = condition;
        this.shape = shape;
        this.values = values;
    }

    /** A filter of model {@code M} that means {@code condition}; for the column types of this package. */
    static <M> Filter<M> of(Condition condition, Object shape, List<Object> values) {
        return new Filter<>(Objects.requireNonNull(condition, "condition"), shape, values);
    }

    /** The structure of the SQL (column, operator, number of values), or {@code null} if not known. */
    Object shape() {
        return shape;
    }

    /** The values this filter binds. */
    List<Object> values() {
        return values;
    }

    private static Object combined(String operator, List<Object> shapes) {
        for (Object part : shapes) {
            if (part == null) {
                return null;
            }
        }
        return List.of(operator, shapes);
    }

    private static List<Object> values(List<? extends Filter<?>> filters) {
        List<Object> all = new ArrayList<>();
        for (Filter<?> filter : filters) {
            all.addAll(filter.values);
        }
        return all;
    }

    private static List<Object> shapes(List<? extends Filter<?>> filters) {
        List<Object> shapes = new ArrayList<>(filters.size());
        for (Filter<?> filter : filters) {
            shapes.add(filter.shape);
        }
        return shapes;
    }

    /**
     * A filter of {@code table}'s model from a raw jOOQ condition, for what the column constants cannot say.
     * Nothing checks that {@code condition} is about that model.
     */
    public static <M> Filter<M> raw(ModelTable<M> table, Condition condition) {
        Objects.requireNonNull(table, "table");
        return of(condition, null, List.of());
    }

    /** Rows that match every one of {@code filters}; every row when there are none. */
    public static <M> Filter<M> all(List<Filter<M>> filters) {
        return new Filter<>(DSL.and(conditions(filters)), combined("all", shapes(filters)), values(filters));
    }

    /** Rows that match any of {@code filters}; no row when there are none. */
    public static <M> Filter<M> any(List<Filter<M>> filters) {
        List<Condition> conditions = conditions(filters);
        return new Filter<>(conditions.isEmpty() ? DSL.falseCondition() : DSL.or(conditions),
                combined("any", shapes(filters)), values(filters));
    }

    private static <M> List<Condition> conditions(List<Filter<M>> filters) {
        Objects.requireNonNull(filters, "filters");
        List<Condition> conditions = new ArrayList<>(filters.size());
        for (Filter<M> filter : filters) {
            conditions.add(Objects.requireNonNull(filter, "filter").condition);
        }
        return conditions;
    }

    /** Rows that match this filter and {@code other}. */
    public Filter<M> and(Filter<M> other) {
        Objects.requireNonNull(other, "other");
        return new Filter<>(condition.and(other.condition), combined("and", Arrays.asList(shape, other.shape)),
                values(List.of(this, other)));
    }

    /** Rows that match this filter or {@code other}. */
    public Filter<M> or(Filter<M> other) {
        Objects.requireNonNull(other, "other");
        return new Filter<>(condition.or(other.condition), combined("or", Arrays.asList(shape, other.shape)),
                values(List.of(this, other)));
    }

    /** Rows that do not match this filter (SQL's {@code NOT}: a row where it is unknown, NULL, matches neither). */
    public Filter<M> not() {
        return new Filter<>(condition.not(), shape == null ? null : List.of("not", shape), values);
    }

    /** The jOOQ condition, for use in jOOQ. */
    public Condition condition() {
        return condition;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter<?> that && condition.equals(that.condition);
    }

    @Override
    public int hashCode() {
        return condition.hashCode();
    }

    @Override
    public String toString() {
        return condition.toString();
    }
}
