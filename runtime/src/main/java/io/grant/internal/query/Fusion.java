package io.grant.internal.query;

import io.grant.Batching;
import io.grant.internal.GroupKey;
import io.grant.internal.Pending;
import io.grant.internal.Statement;
import io.grant.internal.query.Computation.Aggregate;
import io.grant.query.ModelTable;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.SelectQuery;
import org.jooq.impl.DSL;

/**
 * Aggregates of one model issued together, run as ONE statement:
 * {@code select count(*) filter (where c1), sum(x) filter (where c2), ... from t where c1 or c2 ...}.
 *
 * <p>When every member has the same conditions they go into the {@code where} and no filter is needed (exactly the
 * statement one would write by hand); otherwise each aggregate gets its own {@code FILTER (WHERE ...)}, which jOOQ
 * emulates with {@code CASE} where a database lacks it (MariaDB), and the {@code where} keeps the rows any member
 * needs. {@code exists} becomes an {@code exists (...)} subquery beside them. Members over a limit or offset fuse only
 * with members over the very same window. Each member decodes its own column exactly as it would decode its
 * statement alone, so the values are identical. Not API.
 */
final class Fusion {

    /** At most this many aggregates in one statement. */
    private static final int MAX_FIELDS = 64;

    private Fusion() {}

    /**
     * Aggregates of {@code table} over every row (with their own conditions), or over one and the same window.
     *
     * @param table the model's table
     * @param window the windowed rows, or {@code null} when not windowed
     */
    record Key(ModelTable<?> table, QuerySpec<?> window) implements GroupKey {
        @Override
        public List<Statement> statements(List<Pending<?>> members, Batching batching, SQLDialect dialect) {
            List<Statement> statements = new ArrayList<>();
            for (int from = 0; from < members.size(); from += MAX_FIELDS) {
                statements.add(new Fused(members.subList(from, Math.min(members.size(), from + MAX_FIELDS))));
            }
            return statements;
        }
    }

    /** The fused statement and how its one row is shared out. */
    private static final class Fused extends Statement {

        Fused(List<Pending<?>> members) {
            super(members);
        }

        private static QueryOperation<?, ?> operation(Pending<?> member) {
            return (QueryOperation<?, ?>) member.operation();
        }

        @Override
        public String table() {
            return operation(members().get(0)).table();
        }

        /** Whether every member has the same conditions (compared by structure and values where known). */
        private boolean same() {
            Object first = operation(members().get(0)).conditionsKey();
            for (Pending<?> member : members()) {
                if (!operation(member).conditionsKey().equals(first)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Object shapeKey() {
            List<Object> shapes = new ArrayList<>(members().size() + 1);
            shapes.add(same());
            for (Pending<?> member : members()) {
                Object shape = operation(member).shapeKey();
                if (shape == null) {
                    return null;
                }
                shapes.add(shape);
            }
            return shapes;
        }

        /**
         * The values the statement binds, in the order {@link #query} places them: each member's filter (or its
         * {@code exists} subquery's) in member order, then the {@code where}: the one condition all share, or any of
         * the aggregating members'.
         */
        @Override
        public List<Object> values() {
            QuerySpec<?> first = operation(members().get(0)).spec();
            if (first.windowed()) {
                return first.shape() == null ? null : first.shape().values();
            }
            boolean same = same();
            boolean everyRow = false;
            boolean aggregates = false;
            List<Object> values = new ArrayList<>();
            for (Pending<?> member : members()) {
                QueryOperation<?, ?> operation = operation(member);
                QuerySpec.Shape shape = operation.spec().shape();
                if (shape == null) {
                    return null;
                }
                boolean aggregating = ((Aggregate<?, ?>) operation.computation()).aggregates();
                if (!same || !aggregating) {
                    values.addAll(shape.values());
                }
                if (aggregating) {
                    aggregates = true;
                    everyRow |= operation.spec().conditions().isEmpty();
                }
            }
            if (same && aggregates) {
                values.addAll(first.shape().values());
            } else if (!same && aggregates && !everyRow) {
                for (Pending<?> member : members()) {
                    if (((Aggregate<?, ?>) operation(member).computation()).aggregates()) {
                        values.addAll(operation(member).spec().shape().values());
                    }
                }
            }
            return values;
        }

        /** Each member's values once (the {@code where} binds them again). */
        @Override
        public List<Object> sources() {
            List<Object> sources = new ArrayList<>();
            for (Pending<?> member : members()) {
                QuerySpec.Shape shape = operation(member).spec().shape();
                if (shape == null) {
                    return null;
                }
                sources.addAll(shape.values());
            }
            return sources;
        }

        @Override
        public java.util.Set<Object> constants() {
            return QueryOperation.constants(operation(members().get(0)).spec());
        }

        @Override
        public ResultQuery<Record> query(DSLContext dsl) {
            QuerySpec<?> first = operation(members().get(0)).spec();
            boolean same = same();
            boolean everyRow = false;
            boolean aggregates = false;
            for (Pending<?> member : members()) {
                if (((Aggregate<?, ?>) operation(member).computation()).aggregates()) {
                    aggregates = true;
                    everyRow |= operation(member).spec().conditions().isEmpty();
                }
            }
            List<Field<?>> fields = new ArrayList<>(members().size());
            List<Condition> anyOf = new ArrayList<>();
            for (int i = 0; i < members().size(); i++) {
                QueryOperation<?, ?> operation = operation(members().get(i));
                Condition filter = same || first.windowed() ? null : operation.spec().condition();
                fields.add(field(operation, filter).as("grant_" + i));
                if (!same && !everyRow && ((Aggregate<?, ?>) operation.computation()).aggregates()) {
                    anyOf.add(operation.spec().condition()); // an exists (...) has its filter in its subquery
                }
            }
            if (first.windowed() || (same && aggregates)) {
                return first.aggregate(dsl, fields);
            }
            if (!aggregates) {
                return dsl.select(fields); // only exists (...): no rows to aggregate over
            }
            SelectQuery<Record> query = dsl.selectQuery();
            query.addSelect(fields);
            query.addFrom(first.table().table());
            if (!anyOf.isEmpty()) {
                query.addConditions(DSL.or(anyOf));
            }
            return query;
        }

        private static <M> Field<?> field(QueryOperation<M, ?> operation, Condition filter) {
            return ((Aggregate<M, ?>) operation.computation()).field(operation.spec(), filter);
        }

        @Override
        public void deliver(Result<Record> result) {
            Record row = result.get(0);
            for (int i = 0; i < members().size(); i++) {
                Object raw = row.get(i);
                deliver(members().get(i), raw);
            }
        }

        private static <R> void deliver(Pending<R> member, Object raw) {
            @SuppressWarnings("unchecked") // a fusion key is only given to QueryOperations of aggregates
            Aggregate<?, R> aggregate = (Aggregate<?, R>) operation(member).computation();
            member.settle(() -> aggregate.value(raw));
        }
    }
}
