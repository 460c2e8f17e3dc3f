package io.grant.shard;

import io.grant.async.AsyncResult;
import io.grant.internal.QueryAccess;
import io.grant.internal.QueryAccess.SumCount;
import io.grant.query.Assignment;
import io.grant.query.AsyncQuery;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.RecordNotFoundException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.SortField;

/**
 * A query run on every registered shard at once ({@code UserAsync.acrossShards()}), each terminal method
 * returning ONE result merged as if all shards were one table:
 *
 * <ul>
 *   <li>{@code count}, {@code sum}: added up. {@code avg}: the global average, total sum / total count (each
 *       shard reports its exact sum and its count of non-NULL values; averages are never averaged), to 34
 *       significant digits ({@link MathContext#DECIMAL128}). {@code min}, {@code max}: over the shards' values.
 *       {@code exists}: whether any shard has a row (once every shard answered).
 *   <li>{@code pluck}, {@code ids}, {@code select}, {@code all}: the shards' lists concatenated in shard order;
 *       with {@link #orderBy}, merged into the global order, and {@link #limit limit(n)} gives the global
 *       first {@code n} (each shard is asked for its first {@code n}). Values compare naturally (numbers of
 *       different types by value); NULLs sort where the order says ({@code nullsFirst()}/{@code nullsLast()}),
 *       else as the largest value, and every shard is sent that placement explicitly, since engines differ by
 *       default. Text compares by {@link String#compareTo}, the order of a binary ("C") collation: shards that
 *       sort text under another collation merge correctly only where it agrees.
 *   <li>{@code first}, {@code last}: the global first and last row, by the query's order, or by the id when it
 *       has none, as on one table. {@code pick}: with {@link #orderBy} the global first; without, the value of
 *       the first shard, in shard order, that has a row. {@code find}, {@code findBy}: the row of the first
 *       shard, in shard order, that has one.
 *   <li>With {@link #limit}, aggregates run over the global window: {@code count} is {@code min(n, total)},
 *       {@code sum}, {@code avg}, {@code min}, {@code max} over the values of the global first {@code n} rows.
 *   <li>{@code update}, {@code delete}, {@code touchAll}: the row counts added up.
 * </ul>
 *
 * <p>The shards are those registered when a terminal method is called, in {@link ShardManager#shards()}
 * order; each runs its own operation, named {@code "User.count@eu"}, and the merged result is named
 * {@code "User.count@*"}. A merged result waits for every shard, so that a failing shard always fails it (with
 * an {@link io.grant.async.AsyncExecutionException} naming the shard; the other shards' operations are then
 * cancelled), however fast the others answered; a shard whose operation cannot start (its database closed)
 * fails it the same way. Cancelling the merged result (or its {@code await(timeout)} running out) cancels every
 * shard's operation. For each shard's own value, partial results included, use
 * {@link ShardedAsyncExecutor#executeAcrossShards}.
 *
 * <p>Immutable: {@link #where}, {@link #orderBy} and {@link #limit} return new queries.
 *
 * @param <M> the model
 */
public final class ShardedQuery<M> {

    private final AsyncQuery<M> base;
    private final List<SortField<?>> order;
    private final int limit;

    private ShardedQuery(AsyncQuery<M> base, List<SortField<?>> order, int limit) {
        this.base = base;
        this.order = order;
        this.limit = limit;
    }

    /** Every row of {@code table}, on every shard. */
    public static <M> ShardedQuery<M> of(ModelTable<M> table) {
        return new ShardedQuery<>(AsyncQuery.of(table), List.of(), -1);
    }

    /** The model's table. */
    public ModelTable<M> table() {
        return base.table();
    }

    // ---------------------------------------------------------------- refining

    /** Only the rows that also match every one of {@code conditions}. */
    public ShardedQuery<M> where(Condition... conditions) {
        return new ShardedQuery<>(base.where(conditions), order, limit);
    }

    /** Only the rows that also match every one of {@code conditions}. */
    public ShardedQuery<M> where(Collection<? extends Condition> conditions) {
        return new ShardedQuery<>(base.where(conditions), order, limit);
    }

    /** Orders the rows globally (after any order given before). */
    public ShardedQuery<M> orderBy(SortField<?>... order) {
        List<SortField<?>> more = new ArrayList<>(this.order);
        for (SortField<?> sort : order) {
            more.add(Objects.requireNonNull(sort, "order"));
        }
        return new ShardedQuery<>(base, List.copyOf(more), limit);
    }

    /** At most {@code rows} rows in all: the global first {@code rows} in the query's order. */
    public ShardedQuery<M> limit(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + rows);
        }
        return new ShardedQuery<>(base, order, rows);
    }

    // ---------------------------------------------------------------- aggregates

    /** {@code count(*)} over every shard. */
    public AsyncResult<Long> count() {
        return gather("count", AsyncQuery::count, counts -> limit < 0 ? total(counts) : Math.min(limit, total(counts)));
    }

    /** {@code sum(column)} over every shard; zero, never null, when there are no rows. */
    public <S extends Number> AsyncResult<S> sum(NumericColumn<M, ?, S> column) {
        Objects.requireNonNull(column, "column");
        String label = "sum(" + column.name() + ")";
        if (limit >= 0) {
            return window(label, column, RowOrder.of(order), limit, values -> toSum(column, exactSum(values)));
        }
        return gather(label, query -> query.sum(column), sums -> toSum(column, exactSum(sums)));
    }

    /** The global {@code avg(column)}: total sum / total count of non-NULL values; empty when there are none. */
    public AsyncResult<Optional<BigDecimal>> avg(NumericColumn<M, ?, ?> column) {
        Objects.requireNonNull(column, "column");
        String label = "avg(" + column.name() + ")";
        if (limit >= 0) {
            return window(label, column, RowOrder.of(order), limit, values -> {
                List<Number> present = values.stream().filter(Objects::nonNull).<Number>map(value -> value).toList();
                return average(exactSum(present), present.size());
            });
        }
        RowOrder rowOrder = RowOrder.of(order);
        return Gather.across(name(label), shards(),
                shard -> QueryAccess.get().sumAndCount(on(shard, rowOrder, limit), column, label),
                parts -> {
                    BigDecimal sum = BigDecimal.ZERO;
                    long count = 0;
                    for (SumCount part : parts) {
                        sum = part.sum() == null ? sum : sum.add(part.sum());
                        count = Math.addExact(count, part.count());
                    }
                    return average(sum, count);
                });
    }

    /** The smallest value of {@code column} over every shard; empty when there is none. */
    public <T> AsyncResult<Optional<T>> min(Column<M, T> column) {
        return extreme(column, false);
    }

    /** The largest value of {@code column} over every shard; empty when there is none. */
    public <T> AsyncResult<Optional<T>> max(Column<M, T> column) {
        return extreme(column, true);
    }

    private <T> AsyncResult<Optional<T>> extreme(Column<M, T> column, boolean max) {
        Objects.requireNonNull(column, "column");
        String label = (max ? "max(" : "min(") + column.name() + ")";
        if (limit >= 0) {
            return window(label, column, RowOrder.of(order), limit, values -> extremeOf(values, max));
        }
        return gather(label, query -> max ? query.max(column) : query.min(column),
                values -> extremeOf(values.stream().map(value -> value.orElse(null)).toList(), max));
    }

    /** Whether any shard has a matching row. */
    public AsyncResult<Boolean> exists() {
        return gather("exists", AsyncQuery::exists, answers -> answers.contains(Boolean.TRUE));
    }

    // ---------------------------------------------------------------- lists

    /** The values of {@code column}: in shard order, or in the global order with {@link #orderBy}. */
    public <T> AsyncResult<List<T>> pluck(Column<M, T> column) {
        Objects.requireNonNull(column, "column");
        return window("pluck(" + column.name() + ")", column, RowOrder.of(order), limit, values -> values);
    }

    /** The ids: in shard order, or in the global order with {@link #orderBy}. */
    public AsyncResult<List<?>> ids() {
        return idsOf(table().id());
    }

    private <T> AsyncResult<List<?>> idsOf(Column<M, T> id) {
        return window("ids(" + id.name() + ")", id, RowOrder.of(order), limit, values -> values);
    }

    /** The rows, as models: in shard order, or in the global order with {@link #orderBy}. */
    public AsyncResult<List<M>> select() {
        return rows("select", RowOrder.of(order), limit, rows -> rows);
    }

    /** The rows, as models; the same as {@link #select()}. */
    public AsyncResult<List<M>> all() {
        return rows("all", RowOrder.of(order), limit, rows -> rows);
    }

    // ---------------------------------------------------------------- single rows

    /** The value of {@code column} in the first row: of the first shard that has one, or the global first. */
    public <T> AsyncResult<Optional<T>> pick(Column<M, T> column) {
        Objects.requireNonNull(column, "column");
        String label = "pick(" + column.name() + ")";
        if (order.isEmpty()) {
            return gather(label, query -> query.pick(column), ShardedQuery::firstPresent);
        }
        return window(label, column, RowOrder.of(order), Math.min(limit < 0 ? 1 : limit, 1),
                values -> values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0)));
    }

    /** The global first row, in the query's order or, without {@link #orderBy}, by the id. */
    public AsyncResult<Optional<M>> first() {
        return rows("first", ordered(), Math.min(limit < 0 ? 1 : limit, 1), rows -> rows.stream().findFirst());
    }

    /** The global last row, in the query's order or, without {@link #orderBy}, by the id. */
    public AsyncResult<Optional<M>> last() {
        if (limit >= 0) {
            return rows("last", ordered(), limit,
                    rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1)));
        }
        return rows("last", ordered().opposite(), 1, rows -> rows.stream().findFirst());
    }

    /** The query's order, or the id's when it has none: what {@code first} and {@code last} go by. */
    private RowOrder ordered() {
        return RowOrder.of(order.isEmpty() ? List.<SortField<?>>of(table().id().asc()) : order);
    }

    /**
     * The row with primary key {@code id}, from the first shard (in order) that has it.
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<Optional<M>> find(Object id) {
        return gather("find", query -> query.find(id), ShardedQuery::firstPresent);
    }

    /**
     * The row with primary key {@code id}; fails with {@link RecordNotFoundException} when no shard has it.
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<M> findOrThrow(Object id) {
        return gather("findOrThrow", query -> query.find(id),
                rows -> firstPresent(rows).orElseThrow(() -> new RecordNotFoundException(table().modelName(), id)));
    }

    /** The first row (by id) whose {@code column} equals {@code value}, from the first shard (in order) that has one. */
    public <T> AsyncResult<Optional<M>> findBy(Column<M, T> column, T value) {
        Objects.requireNonNull(column, "column");
        return gather("findBy(" + column.name() + ")", query -> query.findBy(column, value),
                ShardedQuery::firstPresent);
    }

    // ---------------------------------------------------------------- changes

    /**
     * Sets columns on every matching row of every shard; the result is the number of rows changed in all.
     *
     * @throws IllegalArgumentException if no assignment is given
     * @throws IllegalStateException if the query has a limit
     */
    @SafeVarargs
    public final AsyncResult<Long> update(Assignment<M>... assignments) {
        List<Assignment<M>> set = new ArrayList<>(assignments.length);
        for (Assignment<M> assignment : assignments) {
            set.add(assignment);
        }
        return update(set);
    }

    /** {@link #update(Assignment...)} with a list. */
    public AsyncResult<Long> update(List<Assignment<M>> assignments) {
        requireWhole("update");
        List<Assignment<M>> set = List.copyOf(assignments);
        return gather("update", query -> query.update(set), ShardedQuery::total);
    }

    /**
     * Deletes every matching row of every shard; the result is the number of rows deleted in all.
     *
     * @throws IllegalStateException if the query has a limit
     */
    public AsyncResult<Long> delete() {
        requireWhole("delete");
        return gather("delete", AsyncQuery::delete, ShardedQuery::total);
    }

    /**
     * Sets {@code columns} to now (each shard's clock) on every matching row of every shard (no argument: the
     * model's {@code updated_at}); the result is the number of rows changed in all.
     *
     * @throws IllegalStateException if the query has a limit
     */
    @SafeVarargs
    public final AsyncResult<Long> touchAll(Column<M, ?>... columns) {
        List<Column<M, ?>> touched = new ArrayList<>(columns.length);
        for (Column<M, ?> column : columns) {
            touched.add(column);
        }
        return touchAll(touched);
    }

    /** {@link #touchAll(Column...)} with a list. */
    public AsyncResult<Long> touchAll(List<? extends Column<M, ?>> columns) {
        requireWhole("touchAll");
        List<Column<M, ?>> touched = List.copyOf(columns);
        return gather("touchAll", query -> query.touchAll(touched), ShardedQuery::total);
    }

    // ---------------------------------------------------------------- running

    /** The registered shards, now. */
    private List<String> shards() {
        List<String> shards = ShardManager.shards();
        if (shards.isEmpty()) {
            throw new IllegalStateException("No shards registered: call ShardManager.register(name, db) for each "
                    + "shard before querying " + table().modelName() + " across shards");
        }
        return shards;
    }

    /** This query as it runs on {@code shard}: in {@code rowOrder}, at most {@code rows} rows ({@code < 0}: all). */
    private AsyncQuery<M> on(String shard, RowOrder rowOrder, int rows) {
        AsyncQuery<M> query = rowOrder.isEmpty() ? base : base.orderBy(rowOrder.sortFields());
        return (rows < 0 ? query : query.limit(rows)).onShard(shard);
    }

    private String name(String label) {
        return table().modelName() + "." + label + "@*";
    }

    /** Runs {@code perShard} on each shard's query and merges the values with {@code merge}. */
    private <R, T> AsyncResult<T> gather(String label, Function<AsyncQuery<M>, AsyncResult<R>> perShard,
            Function<List<R>, T> merge) {
        RowOrder rowOrder = RowOrder.of(order);
        return Gather.across(name(label), shards(), shard -> perShard.apply(on(shard, rowOrder, limit)), merge);
    }

    /** The values of {@code column} in the global first {@code rows} rows in {@code rowOrder}, finished. */
    private <T, R> AsyncResult<R> window(String label, Column<M, T> column, RowOrder rowOrder, int rows,
            Function<List<T>, R> finish) {
        return Gather.across(name(label), shards(),
                shard -> QueryAccess.get().values(on(shard, rowOrder, rows), column, label),
                perShard -> finish.apply(rowOrder.merge(perShard, rows)));
    }

    /** The global first {@code rows} rows in {@code rowOrder}, as models, finished. */
    private <R> AsyncResult<R> rows(String label, RowOrder rowOrder, int rows, Function<List<M>, R> finish) {
        return Gather.across(name(label), shards(),
                shard -> QueryAccess.get().rows(on(shard, rowOrder, rows), label),
                perShard -> finish.apply(Collections.unmodifiableList(rowOrder.merge(perShard, rows))));
    }

    private void requireWhole(String method) {
        if (limit >= 0) {
            throw new IllegalStateException(table().modelName() + ".acrossShards()." + method
                    + "() applies to every matching row and cannot take limit(); narrow it with where()");
        }
    }

    // ---------------------------------------------------------------- merging

    private static <T> Optional<T> firstPresent(List<Optional<T>> values) {
        return values.stream().filter(Optional::isPresent).findFirst().flatMap(value -> value);
    }

    private static Long total(List<Long> counts) {
        long total = 0;
        for (Long count : counts) {
            total = Math.addExact(total, count);
        }
        return total;
    }

    private static BigDecimal exactSum(List<? extends Number> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Number value : values) {
            if (value != null) {
                sum = sum.add(RowOrder.exact(value));
            }
        }
        return sum;
    }

    private static <S extends Number> S toSum(NumericColumn<?, ?, S> column, BigDecimal exact) {
        return QueryAccess.get().toSum(column, exact);
    }

    private static Optional<BigDecimal> average(BigDecimal sum, long count) {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).stripTrailingZeros());
    }

    private static <T> Optional<T> extremeOf(List<T> values, boolean max) {
        T best = null;
        for (T value : values) {
            if (value == null) {
                continue;
            }
            int c = best == null ? 0 : RowOrder.compareValues(value, best);
            if (best == null || (max ? c > 0 : c < 0)) {
                best = value;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "ShardedQuery[" + table().modelName() + ", order=" + order + (limit >= 0 ? ", limit=" + limit : "")
                + ", base=" + base + "]";
    }
}
