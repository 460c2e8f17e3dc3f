package io.grant.shard;

import io.grant.async.AsyncResult;
import io.grant.internal.Hints;
import io.grant.internal.query.Arguments;
import io.grant.internal.query.Computation;
import io.grant.internal.query.Merge;
import io.grant.internal.query.QuerySpec;
import io.grant.internal.query.Target;
import io.grant.query.Assignment;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.SortField;

/**
 * A query across every registered shard that answers with what the shards say within a time limit
 * ({@code UserAsync.acrossShards().partial(Duration.ofMillis(200))}). Each terminal method starts one operation per
 * shard and returns ONE result holding a {@link Partial}: the value merged over the shards that answered in time, by
 * the rules of {@link ShardedQuery}, and which shards did not: a shard past the time limit has its statement
 * cancelled on its server and is listed with an {@link io.grant.async.AsyncTimeoutException} naming it; a shard that
 * failed is listed with its error. The result itself fails only when the merge does (say, {@code findOrThrow} found
 * the row on no shard that answered).
 *
 * <p>Immutable; made by {@link ShardedQuery#partial(Duration)}, with that query's filters, order and limit.
 *
 * @param <M> the model
 */
public final class PartialQuery<M> {

    private final QuerySpec<M> where;
    private final List<SortField<?>> order;
    private final int limit;
    private final Duration shardTimeout;

    PartialQuery(QuerySpec<M> where, List<SortField<?>> order, int limit, Duration shardTimeout) {
        this.where = where;
        this.order = order;
        this.limit = limit;
        this.shardTimeout = shardTimeout;
    }

    /** The model's table. */
    public ModelTable<M> table() {
        return where.table();
    }

    /** How long each shard has to answer. */
    public Duration shardTimeout() {
        return shardTimeout;
    }

    /** {@code count(*)} over the shards that answered. */
    public AsyncResult<Partial<Long>> count() {
        return run(new Computation.Count<>());
    }

    /** {@code sum(column)} over the shards that answered. */
    public <S extends Number> AsyncResult<Partial<S>> sum(NumericColumn<M, ?, S> column) {
        return run(new Computation.Sum<>(Objects.requireNonNull(column, "column")));
    }

    /** The global {@code avg(column)} over the shards that answered (total sum / total count). */
    public AsyncResult<Partial<Optional<BigDecimal>>> avg(NumericColumn<M, ?, ?> column) {
        return run(new Computation.Avg<>(Objects.requireNonNull(column, "column")));
    }

    /** The smallest value of {@code column} on the shards that answered. */
    public <T> AsyncResult<Partial<Optional<T>>> min(Column<M, T> column) {
        return run(new Computation.Extreme<>(Objects.requireNonNull(column, "column"), false));
    }

    /** The largest value of {@code column} on the shards that answered. */
    public <T> AsyncResult<Partial<Optional<T>>> max(Column<M, T> column) {
        return run(new Computation.Extreme<>(Objects.requireNonNull(column, "column"), true));
    }

    /** Whether a shard that answered has a matching row. */
    public AsyncResult<Partial<Boolean>> exists() {
        return run(new Computation.Exists<>());
    }

    /** The values of {@code column} on the shards that answered, in shard order or the global order. */
    public <T> AsyncResult<Partial<List<T>>> pluck(Column<M, T> column) {
        return run(new Computation.Pluck<>(Objects.requireNonNull(column, "column"), "pluck"));
    }

    /** The ids on the shards that answered. */
    public AsyncResult<Partial<List<?>>> ids() {
        return idsOf(table().id());
    }

    private <T> AsyncResult<Partial<List<?>>> idsOf(Column<M, T> id) {
        return run(new Computation.Pluck<>(id, "ids")).map(ids -> new Partial<>(ids.value(), ids.complete(),
                ids.answered(), ids.failed()));
    }

    /** The rows on the shards that answered. */
    public AsyncResult<Partial<List<M>>> select() {
        return run(new Computation.Select<>("select"));
    }

    /** The rows on the shards that answered; the same as {@link #select()}. */
    public AsyncResult<Partial<List<M>>> all() {
        return run(new Computation.Select<>("all"));
    }

    /** The value of {@code column} in the first row of the shards that answered. */
    public <T> AsyncResult<Partial<Optional<T>>> pick(Column<M, T> column) {
        return run(new Computation.Pick<>(Objects.requireNonNull(column, "column")));
    }

    /** The first row, in the query's order or by id, of the shards that answered. */
    public AsyncResult<Partial<Optional<M>>> first() {
        return run(new Computation.Edge<>(false));
    }

    /** The last row, in the query's order or by id, of the shards that answered. */
    public AsyncResult<Partial<Optional<M>>> last() {
        return run(new Computation.Edge<>(true));
    }

    /**
     * The row with primary key {@code id}, from the first shard that answered and has it.
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<Partial<Optional<M>>> find(Object id) {
        return run(Arguments.byId(table().id(), id, false));
    }

    /** The first row (by id) whose {@code column} equals {@code value}, from the shards that answered. */
    public <T> AsyncResult<Partial<Optional<M>>> findBy(Column<M, T> column, T value) {
        Objects.requireNonNull(column, "column");
        return run(new Computation.Lookup<>(column, value, "findBy(" + column.name() + ")", false));
    }

    /**
     * Sets columns on every matching row of every shard within the time limit; the value is the number of rows
     * changed on the shards that answered (a shard that timed out had its statement cancelled: nothing changed there,
     * unless the database committed before the cancel reached it).
     */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final AsyncResult<Partial<Long>> update(Assignment<M>... assignments) {
        requireWhole("update");
        List<Assignment<M>> set = new ArrayList<>(Arrays.asList(assignments));
        if (set.isEmpty()) {
            throw new IllegalArgumentException(table().modelName() + ".acrossShards().partial(...).update() needs at "
                    + "least one assignment, e.g. update(" + Hints.constant(Hints.exampleColumn(table())) + ".set(...))");
        }
        set.forEach(assignment -> Objects.requireNonNull(assignment, "assignment"));
        return run(new Computation.Update<>(List.copyOf(set), "update"));
    }

    /** Deletes every matching row of every shard within the time limit; the value counts those of the shards that answered. */
    public AsyncResult<Partial<Long>> delete() {
        requireWhole("delete");
        return run(new Computation.Delete<>());
    }

    private <R> AsyncResult<Partial<R>> run(Computation<M, R> computation) {
        return run(computation.label(), Merge.of(computation, where, order, limit));
    }

    private <P, R> AsyncResult<Partial<R>> run(String label, Merge<M, P, R> merge) {
        List<String> shards = ShardManager.shards();
        if (shards.isEmpty()) {
            throw new IllegalStateException("No shards registered: call ShardManager.register(name, db) for each "
                    + "shard before querying " + table().modelName() + " across shards");
        }
        return Gather.partial(table().modelName() + "." + label + "@*", shards,
                shard -> new Target(ShardManager.shard(shard), shard).submit(merge.rows(), merge.part()),
                merge.combine(), shardTimeout);
    }

    private void requireWhole(String method) {
        if (limit >= 0) {
            throw new IllegalStateException(table().modelName() + ".acrossShards().partial(...)." + method
                    + "() applies to every matching row and cannot take limit(); narrow it with where()");
        }
    }

    @Override
    public String toString() {
        return "PartialQuery[" + table().modelName() + ", shardTimeout=" + shardTimeout + ", limit=" + limit + "]";
    }
}
