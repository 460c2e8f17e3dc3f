package io.grant.internal;

import io.grant.async.AsyncResult;
import io.grant.query.AsyncQuery;
import io.grant.query.Column;
import io.grant.query.NumericColumn;
import java.math.BigDecimal;
import java.util.List;

/**
 * Lets the shard layer ask a query for what merging across shards needs and users never do: an exact sum
 * with its count, and rows that carry the values they were ordered by. {@code AsyncQuery} installs the
 * implementation when it is initialised; callers hold an {@code AsyncQuery}, so it has run. Not API.
 */
public interface QueryAccess {

    /**
     * {@code sum(column)} exactly and {@code count(column)} (its non-NULL values) over the rows of
     * {@code query}, where {@code query} runs; named {@code label} after the model ({@code "avg(age)"}).
     */
    <M> AsyncResult<SumCount> sumAndCount(AsyncQuery<M> query, NumericColumn<M, ?, ?> column, String label);

    /** The rows of {@code query}, in its order, each with the values of its order's fields. */
    <M> AsyncResult<List<Keyed<M>>> rows(AsyncQuery<M> query, String label);

    /** The values of {@code column} in the rows of {@code query}, in its order, each with its order's values. */
    <M, T> AsyncResult<List<Keyed<T>>> values(AsyncQuery<M> query, Column<M, T> column, String label);

    /** {@code exact} as the sum type of {@code column}; {@code null} (no rows) becomes zero. */
    <S extends Number> S toSum(NumericColumn<?, ?, S> column, BigDecimal exact);

    /** The installed implementation. */
    static QueryAccess get() {
        return QueryAccessHolder.instance;
    }

    /** Called once, by {@code AsyncQuery}'s static initialiser. */
    static void install(QueryAccess access) {
        QueryAccessHolder.instance = access;
    }

    /**
     * An exact sum and the number of values it adds up.
     *
     * @param sum the sum, {@code null} when there were no values
     * @param count how many non-NULL values were added
     */
    record SumCount(BigDecimal sum, long count) {}

    /**
     * A value and what it was ordered by.
     *
     * @param key the values of the order's fields, in order (may hold {@code null}s)
     * @param value the row or column value
     * @param <V> the value's type
     */
    record Keyed<V>(List<Object> key, V value) {}
}

/** The slot {@link QueryAccess#install} fills. */
final class QueryAccessHolder {
    static volatile QueryAccess instance;

    private QueryAccessHolder() {}
}
