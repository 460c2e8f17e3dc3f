package io.grant.internal.query;

import io.grant.query.Assignment;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.RecordNotFoundException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jooq.AggregateFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What a query computes over its rows, as data: the one description that running it alone, fusing it with others,
 * coalescing lookups, pipelining, and merging it across shards all use.
 *
 * <ul>
 *   <li>A {@link Read} is one query and the decoding of its result.
 *   <li>An {@link Aggregate} is a read of one value, described by its aggregate expression, so that several of one
 *       model can share one statement, each with its own filter.
 *   <li>A {@link Lookup} is the first row whose column equals a value, so that lookups on one column can share an
 *       {@code IN (...)}.
 *   <li>A {@link Write} changes the query's rows and says how many.
 *   <li>A {@link RowWrite} writes rows it was given ({@code insert}, {@code insertAll}, {@code save},
 *       {@code upsert}) or the row of an id ({@code deleteById}); it is never merged across shards.
 * </ul>
 * Not API.
 *
 * @param <M> the model
 * @param <R> the result
 */
public sealed interface Computation<M, R> {

    /** How the operation is named after the model: {@code count}, {@code sum(age)}. */
    String label();

    /** Runs alone on {@code dsl} over the rows {@code spec} means. */
    R run(DSLContext dsl, QuerySpec<M> spec);

    /** A read: one query, and how its result decodes into the value. */
    sealed interface Read<M, R> extends Computation<M, R> {

        /** The query. */
        ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec);

        /** The value, from the query's result. */
        R decode(Result<Record> result, QuerySpec<M> spec);

        /** Whether its result is small enough (one row, or a limited list) to share a round trip with others. */
        default boolean small(QuerySpec<M> spec) {
            return true;
        }

        @Override
        default R run(DSLContext dsl, QuerySpec<M> spec) {
            return decode(query(dsl, spec).fetch(), spec);
        }
    }

    /** A read of one value computed by an aggregate expression. */
    sealed interface Aggregate<M, R> extends Read<M, R> {

        /** The expression, counting only the rows {@code filter} accepts ({@code null}: every row of {@code spec}). */
        Field<?> field(QuerySpec<M> spec, Condition filter);

        /** The value, from what the expression returned. */
        R value(Object raw);

        /** Whether the expression aggregates rows (so a statement selecting it returns one row). */
        default boolean aggregates() {
            return true;
        }

        @Override
        default ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return spec.aggregate(dsl, List.of(field(spec, null)));
        }

        @Override
        default R decode(Result<Record> result, QuerySpec<M> spec) {
            return value(result.isEmpty() ? null : result.get(0).get(0));
        }
    }

    /** Changes rows; the result is how many. */
    sealed interface Write<M> extends Computation<M, Long> {}

    /**
     * Writes rows it was given, or the row of one id, on one database: the SQL is {@link RowWrites}'. A row is the
     * list of its column values ({@link ModelTable#values}), read when the write was asked for.
     */
    sealed interface RowWrite<M, R> extends Computation<M, R> {}

    private static <T> Field<T> filtered(AggregateFunction<T> aggregate, Condition filter) {
        return filter == null ? aggregate : aggregate.filterWhere(filter);
    }

    // ---------------------------------------------------------------- aggregates

    /** {@code count(*)}. */
    record Count<M>() implements Aggregate<M, Long> {
        public String label() {
            return "count";
        }

        public Field<?> field(QuerySpec<M> spec, Condition filter) {
            return filtered(DSL.count(), filter).coerce(SQLDataType.BIGINT);
        }

        public Long value(Object raw) {
            return raw == null ? 0L : ((Number) raw).longValue();
        }
    }

    /** {@code sum(column)}, exact; zero without rows. */
    record Sum<M, S extends Number>(NumericColumn<M, ?, S> column) implements Aggregate<M, S> {
        public String label() {
            return "sum(" + column.name() + ")";
        }

        public Field<?> field(QuerySpec<M> spec, Condition filter) {
            return filtered(DSL.sum(column.field()), filter);
        }

        public S value(Object raw) {
            return column.toSum(Values.decimal(raw));
        }
    }

    /** {@code avg(column)}; empty without values. */
    record Avg<M>(NumericColumn<M, ?, ?> column) implements Aggregate<M, Optional<BigDecimal>> {
        public String label() {
            return "avg(" + column.name() + ")";
        }

        public Field<?> field(QuerySpec<M> spec, Condition filter) {
            return filtered(DSL.avg(column.field()), filter);
        }

        public Optional<BigDecimal> value(Object raw) {
            return Optional.ofNullable(Values.decimal(raw)).map(BigDecimal::stripTrailingZeros);
        }
    }

    /** {@code min(column)} or {@code max(column)}; empty without values. */
    record Extreme<M, T>(Column<M, T> column, boolean max) implements Aggregate<M, Optional<T>> {
        public String label() {
            return (max ? "max(" : "min(") + column.name() + ")";
        }

        public Field<?> field(QuerySpec<M> spec, Condition filter) {
            return filtered(max ? DSL.max(column.field()) : DSL.min(column.field()), filter);
        }

        public Optional<T> value(Object raw) {
            return Optional.ofNullable(column.type().cast(raw));
        }
    }

    /** Whether any row matches. */
    record Exists<M>() implements Aggregate<M, Boolean> {
        public String label() {
            return "exists";
        }

        /** Over a window: whether it has a row; otherwise {@code exists (select 1 ... where filter)}. */
        public Field<?> field(QuerySpec<M> spec, Condition filter) {
            if (spec.windowed()) {
                return DSL.field(DSL.count().gt(0));
            }
            return DSL.field(DSL.exists(DSL.selectOne().from(spec.table().table())
                    .where(filter == null ? spec.condition() : filter)));
        }

        public boolean aggregates() {
            return false;
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            if (spec.windowed()) {
                return spec.aggregate(dsl, List.of(field(spec, null)));
            }
            org.jooq.SelectQuery<Record> query = dsl.selectQuery();
            query.addSelect(field(spec, null));
            return query;
        }

        public Boolean value(Object raw) {
            return raw instanceof Boolean b ? b : raw instanceof Number n && n.intValue() != 0;
        }
    }

    /** {@code sum(column)} exactly and {@code count(column)}: one shard's share of a global average. */
    record SumCount<M>(NumericColumn<M, ?, ?> column) implements Read<M, Partials.SumCount> {
        public String label() {
            return "avg(" + column.name() + ")";
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return spec.aggregate(dsl, List.of(DSL.sum(column.field()), DSL.count(column.field()).coerce(SQLDataType.BIGINT)));
        }

        public Partials.SumCount decode(Result<Record> result, QuerySpec<M> spec) {
            Record row = result.get(0);
            return new Partials.SumCount(Values.decimal(row.get(0)), ((Number) row.get(1)).longValue());
        }
    }

    // ---------------------------------------------------------------- rows and values

    /** The values of {@code column}, in the query's order. */
    record Pluck<M, T>(Column<M, T> column, String name) implements Read<M, List<T>> {
        public String label() {
            return name + "(" + column.name() + ")";
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return spec.select(dsl, List.of(column.field()));
        }

        public List<T> decode(Result<Record> result, QuerySpec<M> spec) {
            List<T> values = new ArrayList<>(result.size());
            for (Record record : result) {
                values.add(record.get(column.field()));
            }
            return Collections.unmodifiableList(values);
        }

        public boolean small(QuerySpec<M> spec) {
            return Values.smallWindow(spec);
        }
    }

    /** The value of {@code column} in the first row. */
    record Pick<M, T>(Column<M, T> column) implements Read<M, Optional<T>> {
        public String label() {
            return "pick(" + column.name() + ")";
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return spec.limit(1).select(dsl, List.of(column.field()));
        }

        public Optional<T> decode(Result<Record> result, QuerySpec<M> spec) {
            return result.isEmpty() ? Optional.empty() : Optional.ofNullable(result.get(0).get(column.field()));
        }
    }

    /** The rows, as models. */
    record Select<M>(String name) implements Read<M, List<M>> {
        public String label() {
            return name;
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return spec.select(dsl, spec.table().fields());
        }

        public List<M> decode(Result<Record> result, QuerySpec<M> spec) {
            return Values.models(result, spec.table());
        }

        public boolean small(QuerySpec<M> spec) {
            return Values.smallWindow(spec);
        }
    }

    /** The first row in the query's order (by id when none was given), or the last. */
    record Edge<M>(boolean last) implements Read<M, Optional<M>> {
        public String label() {
            return last ? "last" : "first";
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            QuerySpec<M> ordered = spec.order().isEmpty() ? spec.orderBy(List.of(spec.table().id().field().asc())) : spec;
            if (last && ordered.windowed()) {
                return ordered.select(dsl, spec.table().fields());
            }
            QuerySpec<M> one = last ? ordered.reorder(reversed(ordered.order())).limit(1).offset(0) : ordered.limit(1);
            return one.select(dsl, spec.table().fields());
        }

        public Optional<M> decode(Result<Record> result, QuerySpec<M> spec) {
            if (result.isEmpty()) {
                return Optional.empty();
            }
            boolean window = last && (spec.windowed());
            return Optional.of(spec.table().map(result.get(window ? result.size() - 1 : 0)));
        }

        public boolean small(QuerySpec<M> spec) {
            return !last || !spec.windowed() || Values.smallWindow(spec);
        }

        private static List<SortField<?>> reversed(List<SortField<?>> order) {
            return order.stream().<SortField<?>>map(Edge::reverse).toList();
        }

        private static <T> SortField<T> reverse(SortField<T> sort) {
            SortOrder opposite = sort.$sortOrder() == SortOrder.DESC ? SortOrder.ASC : SortOrder.DESC;
            return sort.$field().sort(opposite);
        }
    }

    /**
     * The first row (in the query's order, by id when none was given) whose {@code column} equals {@code value}
     * ({@code IS NULL} for null): {@code find} on the id column, {@code findBy} on any. With {@code orThrow}, no row
     * fails with {@link RecordNotFoundException}.
     */
    record Lookup<M, T>(Column<M, T> column, T value, String name, boolean orThrow) implements Read<M, Optional<M>> {
        public String label() {
            return name;
        }

        /** The rows the lookup chooses from. */
        QuerySpec<M> among(QuerySpec<M> spec) {
            return spec.where(List.of(value == null ? column.field().isNull() : column.field().eq(value)));
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return new Edge<M>(false).query(dsl, among(spec));
        }

        public Optional<M> decode(Result<Record> result, QuerySpec<M> spec) {
            return found(result.isEmpty() ? null : result.get(0), spec.table());
        }

        /** The answer for the row found ({@code null}: none). */
        Optional<M> found(Record row, ModelTable<M> table) {
            if (row == null) {
                if (orThrow) {
                    throw new RecordNotFoundException(table.modelName(), value);
                }
                return Optional.empty();
            }
            return Optional.of(table.map(row));
        }
    }

    // ---------------------------------------------------------------- writes

    /** {@code update ... set ... where ...}. */
    record Update<M>(List<Assignment<M>> assignments, String name) implements Write<M> {
        public String label() {
            return name;
        }

        public Long run(DSLContext dsl, QuerySpec<M> spec) {
            UpdateSetMoreStep<Record> update = null;
            for (Assignment<M> assignment : assignments) {
                update = set(update == null ? dsl.update(spec.table().table()) : update, assignment.column(),
                        assignment.value());
            }
            return (long) update.where(spec.condition()).execute();
        }

        private static <T> UpdateSetMoreStep<Record> set(org.jooq.UpdateSetStep<Record> update, Column<?, T> column,
                Object value) {
            return update.set(column.field(), column.type().cast(value));
        }
    }

    /** {@code delete from ... where ...}. */
    record Delete<M>() implements Write<M> {
        public String label() {
            return "delete";
        }

        public Long run(DSLContext dsl, QuerySpec<M> spec) {
            return (long) dsl.deleteFrom(spec.table().table()).where(spec.condition()).execute();
        }
    }

    /**
     * {@code insert}: the row as stored, with its generated id. With {@code defaults}, a {@code null} value is the
     * column's default; without (the insert of {@code upsert}), only a {@code null} id is.
     */
    record Insert<M>(List<Object> row, boolean defaults, String name) implements RowWrite<M, M> {
        public String label() {
            return name;
        }

        public M run(DSLContext dsl, QuerySpec<M> spec) {
            return RowWrites.insert(dsl, spec.table(), row, defaults);
        }
    }

    /**
     * {@code insertAll}: the rows, in chunks, in one transaction; how many were inserted. Each row is the array of its
     * column values ({@link ModelTable#values}' list would cost a wrapper per row, read 100,000s of times).
     */
    record InsertAll<M>(List<Object[]> rows) implements RowWrite<M, Long> {
        public String label() {
            return "insertAll";
        }

        public Long run(DSLContext dsl, QuerySpec<M> spec) {
            return RowWrites.insertAll(dsl, spec.table(), rows);
        }
    }

    /** {@code save} of a row with an id: every column set; fails with {@link RecordNotFoundException} if none. */
    record Overwrite<M>(List<Object> row) implements RowWrite<M, M> {
        public String label() {
            return "save";
        }

        public M run(DSLContext dsl, QuerySpec<M> spec) {
            return RowWrites.overwrite(dsl, spec.table(), row);
        }
    }

    /** {@code upsert}: insert, or set every column when the id exists; the row as stored. */
    record Upsert<M>(List<Object> row) implements RowWrite<M, M> {
        public String label() {
            return "upsert";
        }

        public M run(DSLContext dsl, QuerySpec<M> spec) {
            return RowWrites.upsert(dsl, spec.table(), row);
        }
    }

    /** {@code delete ... where id = ?} (among the query's rows): whether a row was deleted. */
    record DeleteById<M, T>(Column<M, T> id, T value) implements RowWrite<M, Boolean> {
        public String label() {
            return "deleteById";
        }

        public Boolean run(DSLContext dsl, QuerySpec<M> spec) {
            return dsl.deleteFrom(spec.table().table())
                    .where(spec.where(List.of(id.field().eq(value))).condition())
                    .execute() > 0;
        }
    }

    // ---------------------------------------------------------------- for merging across shards

    /** The rows, as models, each with the values of the query's order fields. */
    record KeyedRows<M>(String name) implements Read<M, List<Partials.Keyed<M>>> {
        public String label() {
            return name;
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return keyed(dsl, spec, spec.table().fields());
        }

        public List<Partials.Keyed<M>> decode(Result<Record> result, QuerySpec<M> spec) {
            List<Partials.Keyed<M>> rows = new ArrayList<>(result.size());
            for (Record record : result) {
                rows.add(new Partials.Keyed<>(key(record, spec), spec.table().map(record)));
            }
            return Collections.unmodifiableList(rows);
        }

        public boolean small(QuerySpec<M> spec) {
            return Values.smallWindow(spec);
        }
    }

    /** The values of {@code column}, each with the values of the query's order fields. */
    record KeyedValues<M, T>(Column<M, T> column, String name) implements Read<M, List<Partials.Keyed<T>>> {
        public String label() {
            return name;
        }

        public ResultQuery<Record> query(DSLContext dsl, QuerySpec<M> spec) {
            return keyed(dsl, spec, List.of(column.field()));
        }

        public List<Partials.Keyed<T>> decode(Result<Record> result, QuerySpec<M> spec) {
            List<Partials.Keyed<T>> values = new ArrayList<>(result.size());
            for (Record record : result) {
                values.add(new Partials.Keyed<>(key(record, spec), record.get(column.field())));
            }
            return Collections.unmodifiableList(values);
        }

        public boolean small(QuerySpec<M> spec) {
            return Values.smallWindow(spec);
        }
    }

    /** {@code select fields, <order field i> as grant_key_i ...}: the order's values come back under their own names. */
    private static <M> ResultQuery<Record> keyed(DSLContext dsl, QuerySpec<M> spec, List<? extends Field<?>> fields) {
        List<Field<?>> selected = new ArrayList<>(fields);
        for (int i = 0; i < spec.order().size(); i++) {
            selected.add(spec.order().get(i).$field().as(Values.KEY_PREFIX + i));
        }
        return spec.select(dsl, selected);
    }

    private static <M> List<Object> key(Record record, QuerySpec<M> spec) {
        Object[] key = new Object[spec.order().size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = record.get(Values.KEY_PREFIX + i);
        }
        return Collections.unmodifiableList(Arrays.asList(key));
    }
}
