package io.grant.internal.query;

import io.grant.query.ModelTable;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What rows a query means: table, conditions, order and window. Immutable; turned into jOOQ queries here and
 * nowhere else. Not API.
 *
 * @param table the model's table
 * @param conditions all must hold
 * @param order the order, possibly empty
 * @param limit at most this many rows, or {@link #NO_LIMIT}
 * @param offset rows skipped first
 * @param <M> the model
 */
public record QuerySpec<M>(ModelTable<M> table, List<Condition> conditions, List<SortField<?>> order, int limit,
        int offset) {

    /** No limit. */
    public static final int NO_LIMIT = -1;

    /** Every row of {@code table}. */
    public static <M> QuerySpec<M> of(ModelTable<M> table) {
        return new QuerySpec<>(table, List.of(), List.of(), NO_LIMIT, 0);
    }

    /** Also matching {@code more}. */
    public QuerySpec<M> where(List<Condition> more) {
        return new QuerySpec<>(table, concat(conditions, more), order, limit, offset);
    }

    /** Ordered by {@code more} after the order so far. */
    public QuerySpec<M> orderBy(List<SortField<?>> more) {
        return new QuerySpec<>(table, conditions, concat(order, more), limit, offset);
    }

    /** Ordered by {@code order} instead. */
    public QuerySpec<M> reorder(List<SortField<?>> order) {
        return new QuerySpec<>(table, conditions, List.copyOf(order), limit, offset);
    }

    /** At most {@code rows} rows ({@link #NO_LIMIT}: any number). */
    public QuerySpec<M> limit(int rows) {
        return new QuerySpec<>(table, conditions, order, rows, offset);
    }

    /** The first {@code rows} rows skipped. */
    public QuerySpec<M> offset(int rows) {
        return new QuerySpec<>(table, conditions, order, limit, rows);
    }

    /** Whether a limit or an offset narrows the rows. */
    public boolean windowed() {
        return limit != NO_LIMIT || offset > 0;
    }

    /** All conditions as one ({@code true} without any). */
    public Condition condition() {
        return conditions.isEmpty() ? DSL.noCondition() : conditions.size() == 1 ? conditions.get(0) : DSL.and(conditions);
    }

    /** {@code select fields from table where ... order by ... limit/offset}. */
    public SelectQuery<Record> select(DSLContext dsl, List<? extends SelectFieldOrAsterisk> fields) {
        return select(dsl, fields, false);
    }

    /**
     * The same; {@code derived}: to be used as a derived table, where an offset without a limit gets the largest
     * limit, because MariaDB (10.11) ignores a bare {@code OFFSET n ROWS} in a derived table.
     */
    private SelectQuery<Record> select(DSLContext dsl, List<? extends SelectFieldOrAsterisk> fields, boolean derived) {
        SelectQuery<Record> query = dsl.selectQuery();
        query.addSelect(fields);
        query.addFrom(table.table());
        query.addConditions(conditions);
        query.addOrderBy(order);
        if (limit != NO_LIMIT) {
            query.addLimit(offset, limit);
        } else if (offset > 0 && derived) {
            query.addLimit(offset, Long.MAX_VALUE);
        } else if (offset > 0) {
            query.addOffset(offset);
        }
        return query;
    }

    /**
     * The rows an aggregate runs over: the table (its conditions go into the {@code where}), or, when windowed, the
     * window as a derived table, so that {@code limit(10).count()} counts at most 10 rows.
     */
    public Table<?> rows(DSLContext dsl) {
        return windowed() ? select(dsl, table.fields(), true).asTable("grant_window") : table.table();
    }

    /** {@code select aggregates from <rows>}: see {@link #rows}. */
    public SelectQuery<Record> aggregate(DSLContext dsl, List<? extends Field<?>> aggregates) {
        SelectQuery<Record> query = dsl.selectQuery();
        query.addSelect(aggregates);
        query.addFrom(rows(dsl));
        if (!windowed()) {
            query.addConditions(conditions);
        }
        return query;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        if (a.isEmpty()) {
            return List.copyOf(b);
        }
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
