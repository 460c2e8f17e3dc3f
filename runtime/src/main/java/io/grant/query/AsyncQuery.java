package io.grant.query;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.internal.ColumnTypes;
import io.grant.internal.GrantAccess;
import io.grant.internal.Hints;
import io.grant.internal.ShardContext;
import io.grant.internal.query.Arguments;
import io.grant.internal.query.Computation;
import io.grant.internal.query.QuerySpec;
import io.grant.internal.query.Target;
import io.grant.shard.ShardManager;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.SortField;

/**
 * An immutable query over the rows of model {@code M}: refine it with {@link #where}, {@link #orderBy},
 * {@link #limit} and {@link #offset}; each terminal method ({@link #count()}, {@link #select()}, ...)
 * starts one operation at once and returns its {@link AsyncResult}.
 *
 * <p>Where it runs is decided when the terminal method is called: the database given to {@link #on(Grant)},
 * else the shard given to {@link #onShard(String)}, else the model's {@code @GrantModel(connection = ...)},
 * else the shard of the enclosing {@code ShardManager.withShard}, else the default database. One exception:
 * {@link #find}, {@link #findOrThrow} and {@link #deleteById} of a model whose id is also its {@code @ShardKey}, and
 * {@link #insert}, {@link #insertAll}, {@link #save} and {@link #upsert} of a model with a {@code @ShardKey}, run on
 * the shard of the key's value when a {@code ShardResolver} is installed and nothing above chooses a database or
 * shard.
 *
 * <pre>{@code
 * AsyncResult<Long> adults = UserAsync.where(UserAsync.AGE.ge(18)).count();        // a Filter<User>
 * AsyncResult<List<User>> newest = UserAsync.query().orderBy(UserAsync.CREATED_AT.desc()).limit(10).select();
 * }</pre>
 *
 * @param <M> the model
 */
public final class AsyncQuery<M> {

    private final QuerySpec<M> spec;
    private final Grant db;
    private final String shard;

    private AsyncQuery(QuerySpec<M> spec, Grant db, String shard) {
        this.spec = spec;
        this.db = db;
        this.shard = shard;
    }

    /** Every row of {@code table}. */
    public static <M> AsyncQuery<M> of(ModelTable<M> table) {
        return new AsyncQuery<>(QuerySpec.of(Objects.requireNonNull(table, "table")), null, null);
    }

    /** The rows this query means, for Grant's own layers. */
    QuerySpec<M> spec() {
        return spec;
    }

    /** The model's table. */
    public ModelTable<M> table() {
        return spec.table();
    }

    // ---------------------------------------------------------------- refining

    /** Only the rows that also match {@code filter} and every one of {@code more}. */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final AsyncQuery<M> where(Filter<M> filter, Filter<M>... more) {
        List<Condition> conditions = Arguments.conditions(filter, more);
        List<Object> shapes = new ArrayList<>(conditions.size());
        List<Object> values = new ArrayList<>();
        shapes.add(filter.shape());
        values.addAll(filter.values());
        for (Filter<M> next : more) {
            shapes.add(next.shape());
            values.addAll(next.values());
        }
        return new AsyncQuery<>(spec.where(conditions, shapes, values), db, shard);
    }

    /**
     * Only the rows that also match every one of {@code conditions}: raw jOOQ conditions, for what the column
     * constants cannot say. Nothing checks that they are about this model; prefer the typed
     * {@link #where(Filter, Filter...)}.
     */
    public AsyncQuery<M> where(Condition... conditions) {
        return where(Arrays.asList(conditions));
    }

    /** Only the rows that also match every one of {@code conditions} (raw jOOQ conditions). */
    public AsyncQuery<M> where(Collection<? extends Condition> conditions) {
        List<Condition> checked = new ArrayList<>(conditions.size());
        for (Condition condition : conditions) {
            checked.add(Objects.requireNonNull(condition, "condition"));
        }
        return new AsyncQuery<>(spec.where(checked), db, shard);
    }

    /** Orders the rows by {@code sort}, then each of {@code more} (after any order given before). */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final AsyncQuery<M> orderBy(Sort<M> sort, Sort<M>... more) {
        SortField<?>[] fields = Arguments.sortFields(sort, more);
        List<Object> shapes = new ArrayList<>(fields.length);
        shapes.add(sort.shape());
        for (Sort<M> next : more) {
            shapes.add(next.shape());
        }
        return new AsyncQuery<>(spec.orderBy(Arrays.asList(fields), shapes), db, shard);
    }

    /** Orders the rows by raw jOOQ sort fields (after any order given before); prefer {@link #orderBy(Sort, Sort...)}. */
    public AsyncQuery<M> orderBy(SortField<?>... order) {
        List<SortField<?>> checked = new ArrayList<>(order.length);
        for (SortField<?> sort : order) {
            checked.add(Objects.requireNonNull(sort, "order"));
        }
        return new AsyncQuery<>(spec.orderBy(checked), db, shard);
    }

    /** At most {@code rows} rows; aggregates then run over those rows only. */
    public AsyncQuery<M> limit(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + rows);
        }
        return new AsyncQuery<>(spec.limit(rows), db, shard);
    }

    /** Skips the first {@code rows} rows. */
    public AsyncQuery<M> offset(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + rows);
        }
        return new AsyncQuery<>(spec.offset(rows), db, shard);
    }

    /** This query, run on {@code database} instead of the default one. */
    public AsyncQuery<M> on(Grant database) {
        return new AsyncQuery<>(spec, Objects.requireNonNull(database, "database"), null);
    }

    /**
     * This query, run on shard {@code name}.
     *
     * @throws IllegalArgumentException listing the registered shards if {@code name} is not one of them
     */
    public AsyncQuery<M> onShard(String name) {
        ShardManager.shard(name);
        return new AsyncQuery<>(spec, null, name);
    }

    /**
     * This query, run on the shard that the installed resolver maps {@code key} to
     * ({@code ShardManager.resolver(ShardResolver)}).
     *
     * @throws IllegalStateException if no resolver is installed
     * @throws IllegalArgumentException listing the registered shards if the resolver names an unknown one
     */
    public AsyncQuery<M> forKey(Object key) {
        return onShard(ShardManager.shardFor(key));
    }

    /** The same query with blocking terminal methods that return plain values. */
    public BlockingQuery<M> blocking() {
        return new BlockingQuery<>(this);
    }

    // ---------------------------------------------------------------- terminal methods

    /** {@code count(*)}. */
    public AsyncResult<Long> count() {
        return run(new Computation.Count<>());
    }

    /** {@code sum(column)}; zero, never null, when there are no rows. */
    public <S extends Number> AsyncResult<S> sum(NumericColumn<M, ?, S> column) {
        return run(new Computation.Sum<>(Objects.requireNonNull(column, "column")));
    }

    /** {@code avg(column)}; empty when there are no rows (or only NULLs). */
    public AsyncResult<Optional<BigDecimal>> avg(NumericColumn<M, ?, ?> column) {
        return run(new Computation.Avg<>(Objects.requireNonNull(column, "column")));
    }

    /** {@code min(column)}; empty when there are no rows. */
    public <T> AsyncResult<Optional<T>> min(Column<M, T> column) {
        return run(new Computation.Extreme<>(Objects.requireNonNull(column, "column"), false));
    }

    /** {@code max(column)}; empty when there are no rows. */
    public <T> AsyncResult<Optional<T>> max(Column<M, T> column) {
        return run(new Computation.Extreme<>(Objects.requireNonNull(column, "column"), true));
    }

    /** The values of {@code column}, in the query's order (NULLs included). */
    public <T> AsyncResult<List<T>> pluck(Column<M, T> column) {
        return run(new Computation.Pluck<>(Objects.requireNonNull(column, "column"), "pluck"));
    }

    /** The value of {@code column} in the first row; empty if there is none (or it is NULL). */
    public <T> AsyncResult<Optional<T>> pick(Column<M, T> column) {
        return run(new Computation.Pick<>(Objects.requireNonNull(column, "column")));
    }

    /** The ids of the rows, in the query's order; {@code pluck(UserAsync.ID)} gives them typed. */
    public AsyncResult<List<?>> ids() {
        return idsOf(spec.table().id());
    }

    private <T> AsyncResult<List<?>> idsOf(Column<M, T> id) {
        return run(new Computation.Pluck<M, T>(id, "ids")).map(ids -> ids);
    }

    /** Whether any row matches. */
    public AsyncResult<Boolean> exists() {
        return run(new Computation.Exists<>());
    }

    /** The rows, as models, in the query's order. */
    public AsyncResult<List<M>> select() {
        return run(new Computation.Select<>("select"));
    }

    /** The rows, as models; the same as {@link #select()}. */
    public AsyncResult<List<M>> all() {
        return run(new Computation.Select<>("all"));
    }

    /** The first row in the query's order, by id when no order was given. */
    public AsyncResult<Optional<M>> first() {
        return run(new Computation.Edge<>(false));
    }

    /** The last row in the query's order, by id when no order was given. */
    public AsyncResult<Optional<M>> last() {
        return run(new Computation.Edge<>(true));
    }

    /**
     * The row with primary key {@code id} (among the rows this query matches).
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<Optional<M>> find(Object id) {
        return routedBy(id).run(Arguments.byId(spec.table().id(), id, false));
    }

    /**
     * The row with primary key {@code id}; the result fails with {@link RecordNotFoundException} naming model
     * and id when there is none.
     *
     * @throws IllegalArgumentException if {@code id} is null or not of the id column's type
     */
    public AsyncResult<M> findOrThrow(Object id) {
        return routedBy(id).run(Arguments.byId(spec.table().id(), id, true)).map(Optional::orElseThrow);
    }

    /**
     * This query on the shard of {@code id} when the id is the model's shard key, a resolver is installed, and
     * nothing else routes the query (no {@code on}, {@code onShard}, connection or {@code withShard}).
     */
    private AsyncQuery<M> routedBy(Object id) {
        boolean idIsShardKey = spec.table().shardKey().filter(key -> key == spec.table().id()).isPresent();
        if (unrouted() && idIsShardKey && ShardManager.resolver().isPresent()) {
            return forKey(id);
        }
        return this;
    }

    /** The first row (by id) whose {@code column} equals {@code value} ({@code IS NULL} for null). */
    public <T> AsyncResult<Optional<M>> findBy(Column<M, T> column, T value) {
        Objects.requireNonNull(column, "column");
        return run(new Computation.Lookup<>(column, value, "findBy(" + column.name() + ")", false));
    }

    /**
     * Sets columns on every matching row; the result is the number of rows changed.
     *
     * @throws IllegalArgumentException if no assignment is given
     * @throws IllegalStateException if the query has a limit or offset
     */
    @SafeVarargs
    public final AsyncResult<Long> update(Assignment<M>... assignments) {
        List<Assignment<M>> list = new ArrayList<>(assignments.length);
        for (Assignment<M> assignment : assignments) {
            list.add(assignment);
        }
        return update(list);
    }

    /** {@link #update(Assignment...)} with a list. */
    public AsyncResult<Long> update(List<Assignment<M>> assignments) {
        requireWhole("update");
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException(spec.table().modelName() + ".update() needs at least one "
                    + "assignment, e.g. update(" + Hints.constant(Hints.exampleColumn(spec.table())) + ".set(...))");
        }
        List<Assignment<M>> checked = new ArrayList<>(assignments.size());
        for (Assignment<M> assignment : assignments) {
            checked.add(Objects.requireNonNull(assignment, "assignment"));
        }
        return run(new Computation.Update<>(List.copyOf(checked), "update"));
    }

    /**
     * Deletes every matching row; the result is the number of rows deleted.
     *
     * @throws IllegalStateException if the query has a limit or offset
     */
    public AsyncResult<Long> delete() {
        requireWhole("delete");
        return run(new Computation.Delete<>());
    }

    /**
     * Sets {@code columns} to now on every matching row (no argument: the model's {@code updated_at}); the
     * result is the number of rows changed. "Now" is read once, from the database's clock, when this is called.
     *
     * @throws IllegalArgumentException if a column is not temporal, or none is given and the model has no
     *     {@code updated_at}
     * @throws IllegalStateException if the query has a limit or offset
     */
    @SafeVarargs
    public final AsyncResult<Long> touchAll(Column<M, ?>... columns) {
        List<Column<M, ?>> list = new ArrayList<>(columns.length);
        for (Column<M, ?> column : columns) {
            list.add(column);
        }
        return touchAll(list);
    }

    /** {@link #touchAll(Column...)} with a list. */
    public AsyncResult<Long> touchAll(List<? extends Column<M, ?>> columns) {
        requireWhole("touchAll");
        List<Column<M, ?>> touched = new ArrayList<>();
        if (columns.isEmpty()) {
            touched.add(spec.table().updatedAt().orElseThrow(() -> noUpdatedAt(spec.table())));
        } else {
            for (Column<M, ?> column : columns) {
                Objects.requireNonNull(column, "column");
                if (!ColumnTypes.isTemporal(column.type())) {
                    throw notTemporal(spec.table(), column);
                }
                touched.add(column);
            }
        }
        Target target = target();
        Clock clock = GrantAccess.get().clock(target.db());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Assignment<M>> assignments = new ArrayList<>();
        for (Column<M, ?> column : touched) {
            assignments.add(now(column, now, clock));
        }
        return target.submit(spec, new Computation.Update<>(List.copyOf(assignments), "touchAll"));
    }

    /** What {@code touchAll()} says of a model without {@code updated_at}: a column to name instead, if it has one. */
    private static IllegalArgumentException noUpdatedAt(ModelTable<?> table) {
        String model = table.modelName();
        return new IllegalArgumentException(Hints.temporalColumn(table)
                .map(column -> model + " has no updated_at column; name the columns to touch, e.g. touchAll("
                        + Hints.constant(column) + ")")
                .orElse(model + " has no updated_at column, and no temporal column (Instant, LocalDateTime, "
                        + "OffsetDateTime, LocalDate) for touchAll to set; use update(...) instead"));
    }

    /** What {@code touchAll(column)} says of a column it cannot set to now: a column of the model it can, if any. */
    private static IllegalArgumentException notTemporal(ModelTable<?> table, Column<?, ?> column) {
        String problem = "touchAll needs temporal columns (Instant, LocalDateTime, OffsetDateTime, LocalDate); "
                + column + " is a " + column.type().getSimpleName();
        return new IllegalArgumentException(Hints.temporalColumn(table)
                .map(temporal -> problem + "; e.g. touchAll(" + Hints.constant(temporal) + ")")
                .orElse(problem + ", and " + table.modelName() + " has no temporal column; use update(...) instead"));
    }

    private static <M, T> Assignment<M> now(Column<M, T> column, Instant now, Clock clock) {
        Class<T> type = column.type();
        Object value;
        if (type == Instant.class) {
            value = now;
        } else if (type == LocalDateTime.class) {
            value = LocalDateTime.ofInstant(now, clock.getZone());
        } else if (type == OffsetDateTime.class) {
            value = OffsetDateTime.ofInstant(now, clock.getZone());
        } else {
            value = LocalDate.ofInstant(now, clock.getZone());
        }
        return column.set(type.cast(value));
    }

    // ---------------------------------------------------------------- writing given rows

    /**
     * Inserts {@code row}; the result is the row as stored, read back in the same statement: with the id the
     * database generated when the row's id is {@code null} (an identity, serial or auto_increment column), and the
     * column's database default for every other {@code null} field (a column without a default gets {@code NULL}).
     * A primitive field is never {@code null}, so it is always written. PostgreSQL and MariaDB read the row back with
     * {@code insert ... returning}, H2 with {@code select ... from final table (insert ...)}. The result is a new
     * instance: fields that are not stored ({@code @Transient}) have their defaults. The row's values are read
     * when this is called.
     *
     * <p>A value the column cannot hold (too long, a {@code null} where the column is {@code not null} and has no
     * default, a duplicate key) fails the result with the database's error, and nothing is written.
     *
     * @throws IllegalStateException if the query has a condition, order, limit or offset (a row is written as it is)
     * @throws IllegalArgumentException if the model has a {@code @ShardKey} whose value is {@code null}, a
     *     {@code ShardResolver} is installed and nothing else chooses the shard
     */
    public AsyncResult<M> insert(M row) {
        requireBare("insert");
        List<Object> values = spec.table().values(Objects.requireNonNull(row, "row"));
        return routedByRow(values, "insert").run(new Computation.Insert<>(values, true, "insert"));
    }

    /**
     * Inserts every row of {@code rows}, in their order, all or none: multi-row {@code insert ... values (...),
     * (...)} statements of up to 500 rows, sent in JDBC batches that the driver pipelines, in one transaction (a
     * savepoint, inside a transaction of the caller's), so a row the table refuses leaves the table as it was; the
     * result then fails with the database's error, whose message says that no row was inserted. {@code null} fields
     * get their column's default, as in {@link #insert}. The result is the number of rows inserted; {@code 0} for an
     * empty collection. The rows' values are read when this is called.
     *
     * @throws IllegalStateException if the query has a condition, order, limit or offset
     * @throws NullPointerException if a row is {@code null}, naming its position
     * @throws IllegalArgumentException if the rows are routed by their {@code @ShardKey} (a resolver is installed
     *     and nothing else chooses the shard) and belong to more than one shard, or one's key is {@code null}
     */
    public AsyncResult<Long> insertAll(Collection<M> rows) {
        requireBare("insertAll");
        Objects.requireNonNull(rows, "rows");
        List<Object[]> values = new ArrayList<>(rows.size());
        for (M row : rows) {
            if (row == null) {
                throw new NullPointerException(spec.table().modelName() + ".insertAll: the row at position "
                        + values.size() + " is null");
            }
            values.add(spec.table().valueArray(row));
        }
        return routedByRows(values).run(new Computation.InsertAll<>(Collections.unmodifiableList(values)));
    }

    /**
     * Stores {@code row}: when its id is {@code null}, inserts it as {@link #insert} does; otherwise sets every
     * column of the row with that id to the row's values, {@code null}s included, and the result fails with
     * {@link RecordNotFoundException} when no row has the id (a primitive id is never {@code null}: such a model is
     * always updated). The result is the row as stored: read back with
     * {@code update ... returning} on PostgreSQL, {@code final table} on H2, and on MariaDB (which has no
     * {@code update ... returning}) by a select after the update in the same transaction.
     *
     * @throws IllegalStateException if the query has a condition, order, limit or offset
     * @throws IllegalArgumentException if the row is routed by a {@code null} {@code @ShardKey} (see {@link #insert})
     */
    public AsyncResult<M> save(M row) {
        requireBare("save");
        List<Object> values = spec.table().values(Objects.requireNonNull(row, "row"));
        AsyncQuery<M> routed = routedByRow(values, "save");
        return values.get(idIndex()) == null
                ? routed.run(new Computation.Insert<>(values, true, "save"))
                : routed.run(new Computation.Overwrite<>(values));
    }

    /**
     * Inserts {@code row}, or, when a row with its id exists, sets every column of that row to the row's values;
     * in one statement, and every column as it is, {@code null}s included (a {@code null} id still gets a generated
     * one). The result is the row as stored. PostgreSQL: {@code insert ... on conflict (id) do update ...
     * returning}; MariaDB: {@code insert ... on duplicate key update ... returning}, which also takes a conflict
     * on any other unique key of the table for an existing row; H2: {@code merge into ... key (id)}, read from its
     * {@code final table}.
     *
     * @throws IllegalStateException if the query has a condition, order, limit or offset
     * @throws IllegalArgumentException if the row is routed by a {@code null} {@code @ShardKey} (see {@link #insert})
     */
    public AsyncResult<M> upsert(M row) {
        requireBare("upsert");
        List<Object> values = spec.table().values(Objects.requireNonNull(row, "row"));
        return routedByRow(values, "upsert").run(new Computation.Upsert<>(values));
    }

    /**
     * Deletes the row with primary key {@code id} (among the rows this query matches); the result says whether a
     * row was deleted.
     *
     * @throws IllegalArgumentException naming the model if {@code id} is null or not of the id column's type
     * @throws IllegalStateException if the query has a limit or offset
     */
    public AsyncResult<Boolean> deleteById(Object id) {
        requireWhole("deleteById");
        return routedBy(id).run(Arguments.deleteById(spec.table().id(), id));
    }

    private int idIndex() {
        return spec.table().columns().indexOf(spec.table().id());
    }

    /** Whether nothing chooses where this query runs: no {@code on}, {@code onShard}, connection, {@code withShard}. */
    private boolean unrouted() {
        return db == null && shard == null && spec.table().connection().isEmpty() && ShardContext.current() == null;
    }

    /** The shard key, when rows are routed by it: it exists, a resolver is installed, nothing else routes. */
    private Optional<Column<M, ?>> routingKey() {
        return unrouted() && ShardManager.resolver().isPresent() ? spec.table().shardKey() : Optional.empty();
    }

    /** This query on the shard of {@code row}'s shard key, when rows are routed by it (see {@link #routingKey}). */
    private AsyncQuery<M> routedByRow(List<Object> row, String method) {
        Optional<Column<M, ?>> key = routingKey();
        if (key.isEmpty()) {
            return this;
        }
        return onShard(shardOf(row, key.get(), method));
    }

    /** This query on the one shard of {@code rows}, when rows are routed by their shard key. */
    private AsyncQuery<M> routedByRows(List<Object[]> rows) {
        Optional<Column<M, ?>> key = routingKey();
        if (key.isEmpty() || rows.isEmpty()) {
            return this;
        }
        Set<String> shards = new LinkedHashSet<>();
        for (Object[] row : rows) {
            shards.add(shardOf(Arrays.asList(row), key.get(), "insertAll"));
        }
        if (shards.size() > 1) {
            throw new IllegalArgumentException(spec.table().modelName() + ".insertAll: the rows belong to shards "
                    + shards + " by their " + key.get().property() + ", but insertAll writes in one transaction on "
                    + "one database; group them by ShardManager.shardFor(key) and call insertAll on onShard(shard) "
                    + "for each group");
        }
        return onShard(shards.iterator().next());
    }

    private String shardOf(List<Object> row, Column<M, ?> key, String method) {
        Object value = row.get(spec.table().columns().indexOf(key));
        if (value == null) {
            throw new IllegalArgumentException(spec.table().modelName() + "." + method + ": the row's shard key "
                    + key.property() + " is null, so the installed ShardResolver cannot choose its shard; set it, or "
                    + "choose the shard with onShard(name) or ShardManager.withShard");
        }
        return ShardManager.shardFor(value);
    }

    /** Refuses a write of a given row on a query that narrows or orders rows: nothing of that would apply. */
    private void requireBare(String method) {
        if (!spec.conditions().isEmpty() || !spec.order().isEmpty() || spec.windowed()) {
            throw new IllegalStateException(spec.table().modelName() + "." + method + "() writes the row it is "
                    + "given, so it takes no where(), orderBy(), limit() or offset(); call it on "
                    + Hints.companion(spec.table().type()) + ".query(), on(db), onShard(name) or forKey(key)");
        }
    }

    // ---------------------------------------------------------------- running

    /** Starts {@code computation} over this query's rows, where the query runs. */
    <R> AsyncResult<R> run(Computation<M, R> computation) {
        return target().submit(spec, computation);
    }

    /** Where a query created now runs: read once, at creation, so that it survives any later thread hop. */
    private Target target() {
        return Target.of(spec.table(), db, shard);
    }

    private void requireWhole(String method) {
        if (spec.windowed()) {
            throw new IllegalStateException(spec.table().modelName() + "." + method
                    + "() applies to every matching row and cannot take limit() or offset(); narrow it with where()");
        }
    }

    @Override
    public String toString() {
        return "AsyncQuery[" + spec.table().modelName() + ", where=" + spec.conditions() + ", order=" + spec.order()
                + (spec.limit() >= 0 ? ", limit=" + spec.limit() : "") + (spec.offset() > 0 ? ", offset=" + spec.offset() : "")
                + (db != null ? ", on=" + db.name() : "") + (shard != null ? ", shard=" + shard : "") + "]";
    }

}
