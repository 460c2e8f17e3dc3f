package io.grant.internal.query;

import io.grant.query.Column;
import io.grant.query.Filter;
import io.grant.query.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.SortField;

/** What the query facades ({@code AsyncQuery}, {@code ShardedQuery}) make of their arguments, checked once. Not API. */
public final class Arguments {

    private Arguments() {}

    /** The conditions of {@code first} and {@code more}, none of them null. */
    @SafeVarargs
    public static <M> List<Condition> conditions(Filter<M> first, Filter<M>... more) {
        List<Condition> conditions = new ArrayList<>(1 + more.length);
        conditions.add(Objects.requireNonNull(first, "filter").condition());
        for (Filter<M> next : more) {
            conditions.add(Objects.requireNonNull(next, "filter").condition());
        }
        return conditions;
    }

    /** The sort fields of {@code first} and {@code more}, none of them null. */
    @SafeVarargs
    public static <M> SortField<?>[] sortFields(Sort<M> first, Sort<M>... more) {
        SortField<?>[] fields = new SortField<?>[1 + more.length];
        fields[0] = Objects.requireNonNull(first, "sort").field();
        for (int i = 0; i < more.length; i++) {
            fields[i + 1] = Objects.requireNonNull(more[i], "sort").field();
        }
        return fields;
    }

    /**
     * The lookup of the row whose {@code id} is {@code value}: {@code find}, or {@code findOrThrow} when
     * {@code orThrow}.
     *
     * @throws IllegalArgumentException if {@code value} is null or not of the id column's type
     */
    public static <M, T> Computation.Lookup<M, T> byId(Column<M, T> id, Object value, boolean orThrow) {
        return new Computation.Lookup<>(id, id(id, value), orThrow ? "findOrThrow" : "find", orThrow);
    }

    /**
     * The deletion of the row whose {@code id} is {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is null or not of the id column's type
     */
    public static <M, T> Computation.DeleteById<M, T> deleteById(Column<M, T> id, Object value) {
        return new Computation.DeleteById<>(id, id(id, value));
    }

    private static <T> T id(Column<?, T> id, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(id.model().getSimpleName() + " id must not be null");
        }
        if (!id.type().isInstance(value)) {
            throw new IllegalArgumentException(id.model().getSimpleName() + " id is a " + id.type().getSimpleName()
                    + ", not a " + value.getClass().getSimpleName() + " (" + value + ")");
        }
        return id.type().cast(value);
    }
}
