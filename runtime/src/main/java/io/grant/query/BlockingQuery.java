package io.grant.query;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.SortField;

/**
 * The blocking twin of {@link AsyncQuery}: the same refinements and terminal methods, each waiting for its
 * value. Failures throw {@link io.grant.async.AsyncExecutionException} (cause: the original error) or
 * {@link io.grant.async.AsyncTimeoutException}; nothing declares a checked exception.
 *
 * @param <M> the model
 */
public final class BlockingQuery<M> {

    private final AsyncQuery<M> query;

    BlockingQuery(AsyncQuery<M> query) {
        this.query = query;
    }

    /** The async twin of this query. */
    public AsyncQuery<M> async() {
        return query;
    }

    /** See {@link AsyncQuery#where(Filter, Filter...)}. */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final BlockingQuery<M> where(Filter<M> filter, Filter<M>... more) {
        return new BlockingQuery<>(query.where(filter, more));
    }

    /** See {@link AsyncQuery#where(Condition...)}: raw jOOQ conditions. */
    public BlockingQuery<M> where(Condition... conditions) {
        return new BlockingQuery<>(query.where(conditions));
    }

    /** See {@link AsyncQuery#orderBy(Sort, Sort...)}. */
    @SuppressWarnings("varargs") // the array is only read, never stored or handed out
    @SafeVarargs
    public final BlockingQuery<M> orderBy(Sort<M> sort, Sort<M>... more) {
        return new BlockingQuery<>(query.orderBy(sort, more));
    }

    /** See {@link AsyncQuery#orderBy(SortField...)}: raw jOOQ sort fields. */
    public BlockingQuery<M> orderBy(SortField<?>... order) {
        return new BlockingQuery<>(query.orderBy(order));
    }

    /** See {@link AsyncQuery#limit(int)}. */
    public BlockingQuery<M> limit(int rows) {
        return new BlockingQuery<>(query.limit(rows));
    }

    /** See {@link AsyncQuery#offset(int)}. */
    public BlockingQuery<M> offset(int rows) {
        return new BlockingQuery<>(query.offset(rows));
    }

    /** {@code count(*)}. */
    public long count() {
        return query.count().await();
    }

    /** {@code sum(column)}; zero when there are no rows. */
    public <S extends Number> S sum(NumericColumn<M, ?, S> column) {
        return query.sum(column).await();
    }

    /** {@code avg(column)}; empty when there are no rows. */
    public Optional<BigDecimal> avg(NumericColumn<M, ?, ?> column) {
        return query.avg(column).await();
    }

    /** {@code min(column)}; empty when there are no rows. */
    public <T> Optional<T> min(Column<M, T> column) {
        return query.min(column).await();
    }

    /** {@code max(column)}; empty when there are no rows. */
    public <T> Optional<T> max(Column<M, T> column) {
        return query.max(column).await();
    }

    /** The values of {@code column}, in the query's order. */
    public <T> List<T> pluck(Column<M, T> column) {
        return query.pluck(column).await();
    }

    /** The value of {@code column} in the first row. */
    public <T> Optional<T> pick(Column<M, T> column) {
        return query.pick(column).await();
    }

    /** The ids of the rows. */
    public List<?> ids() {
        return query.ids().await();
    }

    /** Whether any row matches. */
    public boolean exists() {
        return query.exists().await();
    }

    /** The rows, as models. */
    public List<M> select() {
        return query.select().await();
    }

    /** The rows, as models; the same as {@link #select()}. */
    public List<M> all() {
        return query.all().await();
    }

    /** The first row, by id when no order was given. */
    public Optional<M> first() {
        return query.first().await();
    }

    /** The last row, by id when no order was given. */
    public Optional<M> last() {
        return query.last().await();
    }

    /** The row with primary key {@code id}. */
    public Optional<M> find(Object id) {
        return query.find(id).await();
    }

    /** The row with primary key {@code id}; throws (cause {@link RecordNotFoundException}) when there is none. */
    public M findOrThrow(Object id) {
        return query.findOrThrow(id).await();
    }

    /** The first row whose {@code column} equals {@code value}. */
    public <T> Optional<M> findBy(Column<M, T> column, T value) {
        return query.findBy(column, value).await();
    }

    /** Sets columns on every matching row; returns the number of rows changed. */
    @SafeVarargs
    public final long update(Assignment<M>... assignments) {
        java.util.List<Assignment<M>> list = new java.util.ArrayList<>(assignments.length);
        for (Assignment<M> assignment : assignments) {
            list.add(assignment);
        }
        return query.update(list).await();
    }

    /** Deletes every matching row; returns the number deleted. */
    public long delete() {
        return query.delete().await();
    }

    /** Sets {@code columns} (default: {@code updated_at}) to now; returns the number of rows changed. */
    @SafeVarargs
    public final long touchAll(Column<M, ?>... columns) {
        java.util.List<Column<M, ?>> list = new java.util.ArrayList<>(columns.length);
        for (Column<M, ?> column : columns) {
            list.add(column);
        }
        return query.touchAll(list).await();
    }

    /** See {@link AsyncQuery#insert}: inserts {@code row}; returns it as stored, with its generated id. */
    public M insert(M row) {
        return query.insert(row).await();
    }

    /** See {@link AsyncQuery#insertAll}: inserts every row, all or none; returns how many. */
    public long insertAll(Collection<M> rows) {
        return query.insertAll(rows).await();
    }

    /** See {@link AsyncQuery#save}: inserts a row without id, else updates every column of its id. */
    public M save(M row) {
        return query.save(row).await();
    }

    /** See {@link AsyncQuery#upsert}: inserts {@code row}, or updates every column when its id exists. */
    public M upsert(M row) {
        return query.upsert(row).await();
    }

    /** See {@link AsyncQuery#deleteById}: whether a row with primary key {@code id} was deleted. */
    public boolean deleteById(Object id) {
        return query.deleteById(id).await();
    }
}
