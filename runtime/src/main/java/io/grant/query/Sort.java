package io.grant.query;

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

    private Sort(SortField<?> field) {
        this.field = field;
    }

    static <M> Sort<M> of(SortField<?> field) {
        return new Sort<>(Objects.requireNonNull(field, "field"));
    }

    /** The same order with NULLs before every value. */
    public Sort<M> nullsFirst() {
        return new Sort<>(field.nullsFirst());
    }

    /** The same order with NULLs after every value. */
    public Sort<M> nullsLast() {
        return new Sort<>(field.nullsLast());
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
