package io.grant.query;

import io.grant.internal.QueryAccess;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

/**
 * What a query computes over its rows, as data: the executor sees a {@link QueryOperation} holding one of
 * these, so that later layers can route, merge, fuse or coalesce them by kind.
 *
 * @param <M> the model
 * @param <R> the result
 */
sealed interface Computation<M, R> {

    /** How the operation is named after the model: {@code count}, {@code sum(age)}. */
    String label();

    /** Runs on {@code dsl} over the rows {@code spec} means. */
    R run(DSLContext dsl, QuerySpec<M> spec);

    record Count<M>() implements Computation<M, Long> {
        public String label() {
            return "count";
        }

        public Long run(DSLContext dsl, QuerySpec<M> spec) {
            return spec.aggregate(dsl, DSL.count()).fetchOne(0, Long.class);
        }
    }

    record Sum<M, S extends Number>(NumericColumn<M, ?, S> column) implements Computation<M, S> {
        public String label() {
            return "sum(" + column.name() + ")";
        }

        public S run(DSLContext dsl, QuerySpec<M> spec) {
            return column.toSum(spec.aggregate(dsl, DSL.sum(column.field())).fetchOne(0, BigDecimal.class));
        }
    }

    record Avg<M>(NumericColumn<M, ?, ?> column) implements Computation<M, Optional<BigDecimal>> {
        public String label() {
            return "avg(" + column.name() + ")";
        }

        public Optional<BigDecimal> run(DSLContext dsl, QuerySpec<M> spec) {
            BigDecimal avg = spec.aggregate(dsl, DSL.avg(column.field())).fetchOne(0, BigDecimal.class);
            return Optional.ofNullable(avg).map(BigDecimal::stripTrailingZeros);
        }
    }

    record Extreme<M, T>(Column<M, T> column, boolean max) implements Computation<M, Optional<T>> {
        public String label() {
            return (max ? "max(" : "min(") + column.name() + ")";
        }

        public Optional<T> run(DSLContext dsl, QuerySpec<M> spec) {
            Field<T> aggregate = max ? DSL.max(column.field()) : DSL.min(column.field());
            Record row = spec.aggregate(dsl, aggregate).fetchOne();
            return row == null ? Optional.empty() : Optional.ofNullable(row.get(aggregate));
        }
    }

    record Pluck<M, T>(Column<M, T> column, String name) implements Computation<M, List<T>> {
        public String label() {
            return name + "(" + column.name() + ")";
        }

        public List<T> run(DSLContext dsl, QuerySpec<M> spec) {
            return Collections.unmodifiableList(spec.select(dsl, List.of(column.field())).fetch(column.field()));
        }
    }

    record Pick<M, T>(Column<M, T> column) implements Computation<M, Optional<T>> {
        public String label() {
            return "pick(" + column.name() + ")";
        }

        public Optional<T> run(DSLContext dsl, QuerySpec<M> spec) {
            Record row = spec.limit(1).select(dsl, List.of(column.field())).fetchAny();
            return row == null ? Optional.empty() : Optional.ofNullable(row.get(column.field()));
        }
    }

    record Exists<M>() implements Computation<M, Boolean> {
        public String label() {
            return "exists";
        }

        public Boolean run(DSLContext dsl, QuerySpec<M> spec) {
            return dsl.fetchExists(spec.select(dsl, List.of(DSL.one())));
        }
    }

    record Select<M>(String name) implements Computation<M, List<M>> {
        public String label() {
            return name;
        }

        public List<M> run(DSLContext dsl, QuerySpec<M> spec) {
            List<M> models = new ArrayList<>();
            for (Record record : spec.select(dsl, spec.table().fields()).fetch()) {
                models.add(spec.table().map(record));
            }
            return Collections.unmodifiableList(models);
        }
    }

    /** The first row in the query's order (by id when none was given), or the last. */
    record Edge<M>(boolean last) implements Computation<M, Optional<M>> {
        public String label() {
            return last ? "last" : "first";
        }

        public Optional<M> run(DSLContext dsl, QuerySpec<M> spec) {
            QuerySpec<M> ordered = spec.order().isEmpty() ? spec.orderBy(List.of(spec.table().id().asc())) : spec;
            if (last && ordered.windowed()) {
                List<M> window = new Select<M>("last").run(dsl, ordered);
                return window.isEmpty() ? Optional.empty() : Optional.of(window.get(window.size() - 1));
            }
            QuerySpec<M> one = last
                    ? new QuerySpec<>(ordered.table(), ordered.conditions(), reversed(ordered.order()), 1, 0)
                    : ordered.limit(1);
            Record record = one.select(dsl, spec.table().fields()).fetchAny();
            return record == null ? Optional.empty() : Optional.of(spec.table().map(record));
        }

        private static List<SortField<?>> reversed(List<SortField<?>> order) {
            return order.stream().<SortField<?>>map(Edge::reverse).toList();
        }

        private static <T> SortField<T> reverse(SortField<T> sort) {
            SortOrder opposite = sort.$sortOrder() == SortOrder.DESC ? SortOrder.ASC : SortOrder.DESC;
            return sort.$field().sort(opposite);
        }
    }

    /** The first row whose {@code column} equals {@code value}; the id column for {@code find}. */
    record FindBy<M, T>(Column<M, T> column, T value, String name) implements Computation<M, Optional<M>> {
        public String label() {
            return name;
        }

        public Optional<M> run(DSLContext dsl, QuerySpec<M> spec) {
            return new Edge<M>(false).run(dsl, spec.where(List.of(column.eq(value))));
        }
    }

    /** The row with id {@code id} ({@code byId} is its condition); fails if none and {@code orThrow}. */
    record Find<M>(Condition byId, Object id, boolean orThrow) implements Computation<M, Optional<M>> {
        public String label() {
            return orThrow ? "findOrThrow" : "find";
        }

        public Optional<M> run(DSLContext dsl, QuerySpec<M> spec) {
            Record record = spec.where(List.of(byId)).limit(1).select(dsl, spec.table().fields()).fetchAny();
            if (record == null && orThrow) {
                throw new RecordNotFoundException(spec.table().modelName(), id);
            }
            return record == null ? Optional.empty() : Optional.of(spec.table().map(record));
        }
    }

    record Update<M>(List<Assignment<M>> assignments, String name) implements Computation<M, Long> {
        public String label() {
            return name;
        }

        public Long run(DSLContext dsl, QuerySpec<M> spec) {
            UpdateSetMoreStep<Record> update = null;
            for (Assignment<M> assignment : assignments) {
                update = assignment.applyTo(update == null ? dsl.update(spec.table().table()) : update);
            }
            return (long) update.where(spec.condition()).execute();
        }
    }

    record Delete<M>() implements Computation<M, Long> {
        public String label() {
            return "delete";
        }

        public Long run(DSLContext dsl, QuerySpec<M> spec) {
            return (long) dsl.deleteFrom(spec.table().table()).where(spec.condition()).execute();
        }
    }

    // ---------------------------------------------------------------- for merging across shards

    /** {@code sum(column)} exactly and {@code count(column)}: one shard's share of a global average. */
    record SumCount<M>(NumericColumn<M, ?, ?> column, String name) implements Computation<M, QueryAccess.SumCount> {
        public String label() {
            return name;
        }

        public QueryAccess.SumCount run(DSLContext dsl, QuerySpec<M> spec) {
            Record row = spec.aggregate(dsl, DSL.sum(column.field()), DSL.count(column.field())).fetchOne();
            return new QueryAccess.SumCount(row.get(0, BigDecimal.class), row.get(1, Long.class));
        }
    }

    /** The rows, as models, each with the values of the query's order fields. */
    record KeyedRows<M>(String name) implements Computation<M, List<QueryAccess.Keyed<M>>> {
        public String label() {
            return name;
        }

        public List<QueryAccess.Keyed<M>> run(DSLContext dsl, QuerySpec<M> spec) {
            List<QueryAccess.Keyed<M>> rows = new ArrayList<>();
            for (Record record : keyed(dsl, spec, spec.table().fields())) {
                rows.add(new QueryAccess.Keyed<>(key(record, spec), spec.table().map(record)));
            }
            return Collections.unmodifiableList(rows);
        }
    }

    /** The values of {@code column}, each with the values of the query's order fields. */
    record KeyedValues<M, T>(Column<M, T> column, String name) implements Computation<M, List<QueryAccess.Keyed<T>>> {
        public String label() {
            return name;
        }

        public List<QueryAccess.Keyed<T>> run(DSLContext dsl, QuerySpec<M> spec) {
            List<QueryAccess.Keyed<T>> values = new ArrayList<>();
            for (Record record : keyed(dsl, spec, List.of(column.field()))) {
                values.add(new QueryAccess.Keyed<>(key(record, spec), record.get(column.field())));
            }
            return Collections.unmodifiableList(values);
        }
    }

    /** {@code select fields, <order field i> as grant_key_i ...}: the order's values come back under their own names. */
    private static <M> List<Record> keyed(DSLContext dsl, QuerySpec<M> spec, List<? extends Field<?>> fields) {
        List<Field<?>> selected = new ArrayList<>(fields);
        for (int i = 0; i < spec.order().size(); i++) {
            selected.add(spec.order().get(i).$field().as(KEY_PREFIX + i));
        }
        return spec.select(dsl, selected).fetch();
    }

    private static <M> List<Object> key(Record record, QuerySpec<M> spec) {
        Object[] key = new Object[spec.order().size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = record.get(KEY_PREFIX + i);
        }
        return Collections.unmodifiableList(Arrays.asList(key));
    }

    /** The alias of the order's values in a keyed select. */
    String KEY_PREFIX = "grant_key_";
}
