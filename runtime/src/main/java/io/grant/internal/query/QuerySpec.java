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
 * @param shape what the SQL of the conditions and order looks like, values aside, with the values the conditions
 *     bind; {@code null} when not known (a raw jOOQ condition or sort field): such a query is rendered every time
 * @param <M> the model
 */
public record QuerySpec<M>(ModelTable<M> table, List<Condition> conditions, List<SortField<?>> order, int limit,
        int offset, Shape shape) {

    /** No limit. */
    public static final int NO_LIMIT = -1;

    /**
     * The structure of a query's conditions and order, and the values its conditions bind: two queries with equal
     * structures render the same SQL, and with equal structures and values, the same statement.
     *
     * @param conditions the structure of each condition, in order
     * @param values the values the conditions bind, in order
     * @param order the structure of each sort field, in order
     */
    public record Shape(List<Object> conditions, List<Object> values, List<Object> order) {
        static final Shape EMPTY = new Shape(List.of(), List.of(), List.of());
    }

    /** Every row of {@code table}. */
    public static <M> QuerySpec<M> of(ModelTable<M> table) {
        return new QuerySpec<>(table, List.of(), List.of(), NO_LIMIT, 0, Shape.EMPTY);
    }

    /** Also matching {@code more}: raw conditions, whose SQL is not known until rendered. */
    public QuerySpec<M> where(List<Condition> more) {
        return new QuerySpec<>(table, concat(conditions, more), order, limit, offset, null);
    }

    /**
     * Also matching {@code more}, whose SQL structures are {@code shapes} (one each) and which bind {@code values};
     * the query stays without a known structure if it had none or a shape is {@code null}.
     */
    public QuerySpec<M> where(List<Condition> more, List<Object> shapes, List<Object> values) {
        Shape next = shape == null || shapes.contains(null) ? null
                : new Shape(concat(shape.conditions(), shapes), concat(shape.values(), values), shape.order());
        return new QuerySpec<>(table, concat(conditions, more), order, limit, offset, next);
    }

    /** Ordered by {@code more} (raw sort fields) after the order so far. */
    public QuerySpec<M> orderBy(List<SortField<?>> more) {
        return new QuerySpec<>(table, conditions, concat(order, more), limit, offset, null);
    }

    /** Ordered by {@code more}, whose SQL structures are {@code shapes}, after the order so far. */
    public QuerySpec<M> orderBy(List<SortField<?>> more, List<Object> shapes) {
        Shape next = shape == null || shapes.contains(null) ? null
                : new Shape(shape.conditions(), shape.values(), concat(shape.order(), shapes));
        return new QuerySpec<>(table, conditions, concat(order, more), limit, offset, next);
    }

    /** Ordered by {@code order} instead (within a computation: its structure follows from the one it came from). */
    public QuerySpec<M> reorder(List<SortField<?>> order) {
        return new QuerySpec<>(table, conditions, List.copyOf(order), limit, offset, shape);
    }

    /** At most {@code rows} rows ({@link #NO_LIMIT}: any number). */
    public QuerySpec<M> limit(int rows) {
        return new QuerySpec<>(table, conditions, order, rows, offset, shape);
    }

    /** The first {@code rows} rows skipped. */
    public QuerySpec<M> offset(int rows) {
        return new QuerySpec<>(table, conditions, order, limit, rows, shape);
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
        // Limits and offsets are written into the SQL, not bound: they are part of a query's shape (the same call
        // site asks for the same limit), and PostgreSQL plans a statement whose limit is a parameter again at
        // every execution, which doubled the server's time for small lookups
        if (limit != NO_LIMIT && offset > 0) {
            query.addLimit(DSL.inline(offset), DSL.inline(limit));
        } else if (limit != NO_LIMIT) {
            query.addLimit(DSL.inline(limit));
        } else if (offset > 0 && derived) {
            query.addLimit(DSL.inline(offset), DSL.inline(Long.MAX_VALUE));
        } else if (offset > 0) {
            query.addOffset(DSL.inline(offset));
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
