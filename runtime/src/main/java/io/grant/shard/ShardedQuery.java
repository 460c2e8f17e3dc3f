package io.grant.shard;

import io.grant.async.AsyncResult;
import io.grant.internal.Hints;
import io.grant.internal.query.Arguments;
import io.grant.internal.query.Computation;
import io.grant.internal.query.Merge;
import io.grant.internal.query.QuerySpec;
import io.grant.internal.query.Target;
import io.grant.query.Assignment;
import io.grant.query.AsyncQuery;
import io.grant.query.Column;
import io.grant.query.Filter;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.RecordNotFoundException;
import io.grant.query.Sort;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    private final QuerySpec<M> where;
    private final List<SortField<?>> order;
    private final int limit;

    private ShardedQuery(QuerySpec<M> where, List<SortField<?>> order, int limit) {
        this.where = where;
        this.order = order;
        this.limit = limit;
    }

    /** Every row of {@code table}, on every shard. */
    public static <M> ShardedQuery<M> of(ModelTable<M> table) {
        return new ShardedQuery<>(QuerySpec.of(Objects.requireNonNull(table, "table")), List.of(), -1);
    }

    /** The model's table. */
    public ModelTable<M> table() {
        return where.table();
    }

    // ---------------------------------------------------------------- refining

    /** Only the rows that also match {@code filter} and every one of {@code more}. */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final ShardedQuery<M> where(Filter<M> filter, Filter<M>... more) {
        return where(Arguments.conditions(filter, more));
    }

    /** Only the rows that also match every one of {@code conditions} (raw jOOQ conditions, not checked). */
    public ShardedQuery<M> where(Condition... conditions) {
        return where(Arrays.asList(conditions));
    }

    /** Only the rows that also match every one of {@code conditions} (raw jOOQ conditions, not checked). */
    public ShardedQuery<M> where(Collection<? extends Condition> conditions) {
        List<Condition> checked = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            checked.add(Objects.requireNonNull(condition, "condition"));
        }
        return new ShardedQuery<>(where.where(checked), order, limit);
    }

    /** Orders the rows globally by {@code sort}, then each of {@code more} (after any order given before). */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final ShardedQuery<M> orderBy(Sort<M> sort, Sort<M>... more) {
        return orderBy(Arguments.sortFields(sort, more));
    }

    /** Orders the rows globally by raw jOOQ sort fields (after any order given before). */
    public ShardedQuery<M> orderBy(SortField<?>... order) {
        List<SortField<?>> more = new ArrayList<>(this.order);
        for (SortField<?> sort : order) {
            more.add(Objects.requireNonNull(sort, "order"));
        }
        return new ShardedQuery<>(where, List.copyOf(more), limit);
    }

    /** At most {@code rows} rows in all: the global first {@code rows} in the query's order. */
    public ShardedQuery<M> limit(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + rows);
        }
        return new ShardedQuery<>(where, order, rows);
    }

    /**
     * This query with a time limit per shard: each terminal method of the returned query answers with what the shards
     * say within {@code shardTimeout}, a slower shard being cancelled on its server and named (see {@link Partial}).
     *
     * @throws IllegalArgumentException if {@code shardTimeout} is not positive
     */
    public PartialQuery<M> partial(java.time.Duration shardTimeout) {
        Objects.requireNonNull(shardTimeout, "shardTimeout");
        if (shardTimeout.isNegative() || shardTimeout.isZero()) {
            throw new IllegalArgumentException("shardTimeout must be positive, was " + shardTimeout);
        }
        return new PartialQuery<>(where, order, limit, shardTimeout);
    }

    // ---------------------------------------------------------------- aggregates

    /** {@code count(*)} over every shard. */
    public AsyncResult<Long> count() {
        return run(new Computation.Count<>());
    }

    /** {@code sum(column)} over every shard; zero, never null, when there are no rows. */
    public <S extends Number> AsyncResult<S> sum(NumericColumn<M, ?, S> column) {
        return run(new Computation.Sum<>(Objects.requireNonNull(column, "column")));
    }

    /** The global {@code avg(column)}: total sum / total count of non-NULL values; empty when there are none. */
    public AsyncResult<Optional<BigDecimal>> avg(NumericColumn<M, ?, ?> column) {
        return run(new Computation.Avg<>(Objects.requireNonNull(column, "column")));
    }

    /** The smallest value of {@code column} over every shard; empty when there is none. */
    public <T> AsyncResult<Optional<T>> min(Column<M, T> column) {
        return run(new Computation.Extreme<>(Objects.requireNonNull(column, "column"), false));
    }

    /** The largest value of {@code column} over every shard; empty when there is none. */
    public <T> AsyncResult<Optional<T>> max(Column<M, T> column) {
        return run(new Computation.Extreme<>(Objects.requireNonNull(column, "column"), true));
    }

    /** Whether any shard has a matching row. */
    public AsyncResult<Boolean> exists() {
        return run(new Computation.Exists<>());
    }

    // ---------------------------------------------------------------- lists

    /** The values of {@code column}: in shard order, or in the global order with {@link #orderBy}. */
    public <T> AsyncResult<List<T>> pluck(Column<M, T> column) {
        return run(new Computation.Pluck<>(Objects.requireNonNull(column, "column"), "pluck"));
    }

    /** The ids: in shard order, or in the global order with {@link #orderBy}. */
    public AsyncResult<List<?>> ids() {
        return idsOf(table().id());
    }

    private <T> AsyncResult<List<?>> idsOf(Column<M, T> id) {
        return run(new Computation.Pluck<>(id, "ids")).map(ids -> ids);
    }

    /** The rows, as models: in shard order, or in the global order with {@link #orderBy}. */
    public AsyncResult<List<M>> select() {
        return run(new Computation.Select<>("select"));
    }

    /** The rows, as models; the same as {@link #select()}. */
    public AsyncResult<List<M>> all() {
        return run(new Computation.Select<>("all"));
    }

    // ---------------------------------------------------------------- single rows

    /** The value of {@code column} in the first row: of the first shard that has one, or the global first. */
    public <T> AsyncResult<Optional<T>> pick(Column<M, T> column) {
        return run(new Computation.Pick<>(Objects.requireNonNull(column, "column")));
    }

    /** The global first row, in the query's order or, without {@link #orderBy}, by the id. */
    public AsyncResult<Optional<M>> first() {
        return run(new Computation.Edge<>(false));
    }

    /** The global last row, in the query's order or, without {@link #orderBy}, by the id. */
    public AsyncResult<Optional<M>> last() {
        return run(new Computation.Edge<>(true));
    }

    /**
     * The row with primary key {@code id}, from the first shard (in order) that has it.
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<Optional<M>> find(Object id) {
        return run(Arguments.byId(table().id(), id, false));
    }

    /**
     * The row with primary key {@code id}; fails with {@link RecordNotFoundException} when no shard has it.
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<M> findOrThrow(Object id) {
        return run(Arguments.byId(table().id(), id, true)).map(Optional::orElseThrow);
    }

    /** The first row (by id) whose {@code column} equals {@code value}, from the first shard (in order) that has one. */
    public <T> AsyncResult<Optional<M>> findBy(Column<M, T> column, T value) {
        Objects.requireNonNull(column, "column");
        return run(new Computation.Lookup<>(column, value, "findBy(" + column.name() + ")", false));
    }

    // ---------------------------------------------------------------- changes

    /**
     * Sets columns on every matching row of every shard; the result is the number of rows changed in all.
     *
     * @throws IllegalArgumentException if no assignment is given
     * @throws IllegalStateException if the query has a limit
     */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final AsyncResult<Long> update(Assignment<M>... assignments) {
        return update(Arrays.asList(assignments));
    }

    /** {@link #update(Assignment...)} with a list. */
    public AsyncResult<Long> update(List<Assignment<M>> assignments) {
        requireWhole("update");
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException(table().modelName() + ".acrossShards().update() needs at least one "
                    + "assignment, e.g. update(" + Hints.constant(Hints.exampleColumn(table())) + ".set(...))");
        }
        List<Assignment<M>> set = new ArrayList<>(assignments.size());
        for (Assignment<M> assignment : assignments) {
            set.add(Objects.requireNonNull(assignment, "assignment"));
        }
        return run(new Computation.Update<>(List.copyOf(set), "update"));
    }

    /**
     * Deletes every matching row of every shard; the result is the number of rows deleted in all.
     *
     * @throws IllegalStateException if the query has a limit
     */
    public AsyncResult<Long> delete() {
        requireWhole("delete");
        return run(new Computation.Delete<>());
    }

    /**
     * Sets {@code columns} to now (each shard's clock) on every matching row of every shard (no argument: the
     * model's {@code updated_at}); the result is the number of rows changed in all.
     *
     * @throws IllegalStateException if the query has a limit
     */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final AsyncResult<Long> touchAll(Column<M, ?>... columns) {
        return touchAll(Arrays.asList(columns));
    }

    /** {@link #touchAll(Column...)} with a list. */
    public AsyncResult<Long> touchAll(List<? extends Column<M, ?>> columns) {
        requireWhole("touchAll");
        List<Column<M, ?>> touched = List.copyOf(columns);
        AsyncQuery<M> each = AsyncQuery.of(table()).where(where.conditions());
        return Gather.across(name("touchAll"), shards(), shard -> each.onShard(shard).touchAll(touched),
                (List<Long> counts) -> counts.stream().mapToLong(Long::longValue).reduce(0, Math::addExact));
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

    private String name(String label) {
        return table().modelName() + "." + label + "@*";
    }

    /** {@code computation} on every shard, merged as {@link Merge#of} says. */
    private <R> AsyncResult<R> run(Computation<M, R> computation) {
        return run(computation.label(), Merge.of(computation, where, order, limit));
    }

    private <P, R> AsyncResult<R> run(String label, Merge<M, P, R> merge) {
        return Gather.across(name(label), shards(),
                shard -> new Target(ShardManager.shard(shard), shard).submit(merge.rows(), merge.part()),
                merge.combine());
    }

    private void requireWhole(String method) {
        if (limit >= 0) {
            throw new IllegalStateException(table().modelName() + ".acrossShards()." + method
                    + "() applies to every matching row and cannot take limit(); narrow it with where()");
        }
    }

    @Override
    public String toString() {
        return "ShardedQuery[" + table().modelName() + ", where=" + where.conditions() + ", order=" + order
                + (limit >= 0 ? ", limit=" + limit : "") + "]";
    }
}
