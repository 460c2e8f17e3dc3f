package io.grant.query;

import java.util.List;
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
 * What rows a query means: table, conditions, order and window. Immutable; turned into jOOQ queries here
 * and nowhere else.
 */
record QuerySpec<M>(ModelTable<M> table, List<Condition> conditions, List<SortField<?>> order, int limit, int offset) {

    static final int NO_LIMIT = -1;

    static <M> QuerySpec<M> of(ModelTable<M> table) {
        return new QuerySpec<>(table, List.of(), List.of(), NO_LIMIT, 0);
    }

    QuerySpec<M> where(List<Condition> more) {
        return new QuerySpec<>(table, concat(conditions, more), order, limit, offset);
    }

    QuerySpec<M> orderBy(List<SortField<?>> more) {
        return new QuerySpec<>(table, conditions, concat(order, more), limit, offset);
    }

    QuerySpec<M> limit(int rows) {
        return new QuerySpec<>(table, conditions, order, rows, offset);
    }

    QuerySpec<M> offset(int rows) {
        return new QuerySpec<>(table, conditions, order, limit, rows);
    }

    /** Whether a limit or an offset narrows the rows. */
    boolean windowed() {
        return limit != NO_LIMIT || offset > 0;
    }

    Condition condition() {
        return DSL.and(conditions);
    }

    /** {@code select fields from table where ... order by ... limit/offset}. */
    SelectQuery<Record> select(DSLContext dsl, List<? extends SelectFieldOrAsterisk> fields) {
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
     * {@code select aggregate from <rows>}: the table with its conditions, or, when windowed, the window as a
     * derived table, so that {@code limit(10).count()} counts at most 10 rows.
     */
    SelectQuery<Record> aggregate(DSLContext dsl, Field<?>... aggregates) {
        SelectQuery<Record> query = dsl.selectQuery();
        query.addSelect(aggregates);
        if (windowed()) {
            Table<Record> window = select(dsl, table.fields(), true).asTable("grant_window");
            query.addFrom(window);
        } else {
            query.addFrom(table.table());
            query.addConditions(conditions);
        }
        return query;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        if (a.isEmpty()) {
            return List.copyOf(b);
        }
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
