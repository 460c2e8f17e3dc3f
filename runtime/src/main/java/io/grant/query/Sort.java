package io.grant.query;

import java.util.List;
import java.util.Objects;
import org.jooq.SortField;

/**
 * An order on the rows of model {@code M}: {@code UserAsync.AGE.desc()}, optionally with {@link #nullsFirst()} or
 * {@link #nullsLast()}. Typed by its model like {@link Filter}; {@link #field()} gives the jOOQ sort field.
 * Immutable.
 *
 * @param <M> the model whose rows it orders
 */
public final class Sort<M> {

    private final SortField<?> field;
    /** What the SQL looks like: column, direction and NULL placement. */
    private final Object shape;

    private Sort(SortField<?> field, Object shape) {
        this.field = field;
        this.shape = shape;
    }

    static <M> Sort<M> of(SortField<?> field, Column<M, ?> column, boolean descending) {
        return new Sort<>(Objects.requireNonNull(field, "field"), List.of(column, descending, ""));
    }

    /** What the SQL of this order looks like. */
    Object shape() {
        return shape;
    }

    /** The same order with NULLs before every value. */
    public Sort<M> nullsFirst() {
        return new Sort<>(field.nullsFirst(), List.of(((List<?>) shape).get(0), ((List<?>) shape).get(1), "first"));
    }

    /** The same order with NULLs after every value. */
    public Sort<M> nullsLast() {
        return new Sort<>(field.nullsLast(), List.of(((List<?>) shape).get(0), ((List<?>) shape).get(1), "last"));
    }

    /** The jOOQ sort field. */
    public SortField<?> field() {
        return field;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sort<?> that && field.equals(that.field);
    }

    @Override
    public int hashCode() {
        return field.hashCode();
    }

    @Override
    public String toString() {
        return field.toString();
    }
}
