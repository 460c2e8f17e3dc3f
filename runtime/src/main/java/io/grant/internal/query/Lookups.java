package io.grant.internal.query;

import io.grant.Batching;
import io.grant.internal.GroupKey;
import io.grant.internal.JooqSettings;
import io.grant.internal.Pending;
import io.grant.internal.Session;
import io.grant.internal.Statement;
import io.grant.internal.query.Computation.Lookup;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Lookups on one column of one model issued together ({@code find}, {@code findOrThrow}, {@code findBy}), run as
 * one query: {@code where id in (...)} ({@code = any(?)} on PostgreSQL), in chunks of at most
 * {@link Batching#maxCoalesce()} distinct values. On a column that is not the id, each value's first row by id is
 * chosen in SQL ({@code row_number() over (partition by column order by id)}), so a lookup of a common value never
 * drags its other rows along. Each member gets the row of its own value, or empty, or its own
 * {@code RecordNotFoundException}.
 *
 * <p>The statement's SQL depends only on its shape, so it is rendered once per shape and kept; on every database
 * the values of simple types (whole numbers, text, and UUIDs on PostgreSQL and H2) are bound straight through JDBC,
 * and the rows are read back through jOOQ with the columns' own types. On H2 and MariaDB a chunk's size is rounded
 * up to a power of two (repeating its last value) so that few shapes exist. Not API.
 */
final class Lookups {

    private static final Map<ShapeKey, String> SQL = new ConcurrentHashMap<>();

    private Lookups() {}

    /**
     * Lookups on {@code column} of {@code table} among rows matching the same conditions ({@code conditions}: their
     * structure and values, or the jOOQ conditions themselves).
     *
     * @param unique whether {@code column} is the id (each value has at most one row)
     */
    record Key(ModelTable<?> table, Column<?, ?> column, Object conditions, boolean unique) implements GroupKey {
        @Override
        public List<Statement> statements(List<Pending<?>> members, Batching batching, SQLDialect dialect) {
            List<Statement> chunks = new ArrayList<>();
            List<Pending<?>> chunk = new ArrayList<>();
            Set<Object> values = new LinkedHashSet<>();
            for (Pending<?> member : members) {
                Object value = lookup(member).value();
                if (!values.contains(value) && values.size() == batching.maxCoalesce()) {
                    chunks.add(new Coalesced(this, chunk, List.copyOf(values), dialect));
                    chunk = new ArrayList<>();
                    values = new LinkedHashSet<>();
                }
                values.add(value);
                chunk.add(member);
            }
            chunks.add(new Coalesced(this, chunk, List.copyOf(values), dialect));
            return chunks;
        }
    }

    private static Lookup<?, ?> lookup(Pending<?> member) {
        return (Lookup<?, ?>) ((QueryOperation<?, ?>) member.operation()).computation();
    }

    /** At most this many shapes are kept (an application has a few hundred). */
    private static final int MAX_SHAPES = 10_000;

    /**
     * A rendered statement is the same for every lookup of this shape, rendered alike: by the dialect's default
     * settings, or by one database's own ({@link JooqSettings#rendering}).
     */
    private record ShapeKey(ModelTable<?> table, Column<?, ?> column, Object rendering, boolean quoted, boolean unique,
            int size) {}

    /** One chunk of lookups and the statement that answers it. */
    private static final class Coalesced extends Statement {
        private final Key key;
        private final List<Object> values;
        private final SQLDialect dialect;

        Coalesced(Key key, List<Pending<?>> members, List<Object> values, SQLDialect dialect) {
            super(members);
            this.key = key;
            this.values = values;
            this.dialect = dialect;
        }

        @Override
        public String table() {
            return key.table().name();
        }

        private boolean postgres() {
            return dialect.family() == SQLDialect.POSTGRES;
        }

        /** Whether the values go as one array ({@code = any(?)}): on PostgreSQL, for the types it has arrays of here. */
        private boolean asArray() {
            return postgres() && bindsDirectly();
        }

        /** The values as bound: one array on PostgreSQL; else a power-of-two count, the last value repeated. */
        private List<Object> padded() {
            if (asArray() || values.size() == 1) {
                return values;
            }
            int size = Integer.highestOneBit(values.size() - 1) << 1;
            List<Object> padded = new ArrayList<>(values);
            while (padded.size() < size) {
                padded.add(values.get(values.size() - 1));
            }
            return padded;
        }

        @Override
        public Object shapeKey() {
            QueryOperation<?, ?> first = (QueryOperation<?, ?>) members().get(0).operation();
            QuerySpec.Shape shape = first.spec().shape();
            return shape == null ? null : List.of("lookups", key.table(), key.column(), key.unique(), shape.conditions(),
                    asArray() && values.size() > 1 ? -1 : padded().size());
        }

        /** The conditions' values, then the looked-up values as bound (one array on PostgreSQL). */
        @Override
        public List<Object> values() {
            QuerySpec.Shape shape = ((QueryOperation<?, ?>) members().get(0).operation()).spec().shape();
            if (shape == null || asArray() && values.size() > 1) {
                return null; // an array is a new object each time: nothing to prove its place by
            }
            List<Object> all = new ArrayList<>(shape.values());
            all.addAll(padded());
            return all;
        }

        /** The conditions' values and each looked-up value once (the padding repeats the last one). */
        @Override
        public List<Object> sources() {
            QuerySpec.Shape shape = ((QueryOperation<?, ?>) members().get(0).operation()).spec().shape();
            if (shape == null) {
                return null;
            }
            List<Object> all = new ArrayList<>(shape.values());
            all.addAll(values);
            return all;
        }

        @Override
        public ResultQuery<Record> query(DSLContext dsl) {
            return query(dsl, padded());
        }

        @SuppressWarnings("unchecked") // the values are the column's own, from its lookups
        private ResultQuery<Record> query(DSLContext dsl, List<Object> bound) {
            Field<Object> column = (Field<Object>) key.column().field();
            Condition matches;
            if (bound.size() == 1) {
                matches = column.eq(bound.get(0));
            } else if (asArray()) {
                Object[] array = (Object[]) java.lang.reflect.Array.newInstance(key.column().type(), bound.size());
                matches = column.eq(DSL.any(DSL.val(bound.toArray(array), column.getDataType().getArrayDataType())));
            } else {
                matches = column.in(bound);
            }
            ModelTable<?> table = key.table();
            List<Condition> where = new ArrayList<>(((QueryOperation<?, ?>) members().get(0).operation()).spec()
                    .conditions());
            where.add(matches);
            if (key.unique()) {
                return dsl.select(table.fields()).from(table.table()).where(where);
            }
            if (bound.size() == 1) { // one value: its first row by id, the plain way (cheaper to plan and run)
                return dsl.select(table.fields()).from(table.table()).where(where)
                        .orderBy(table.id().field().asc()).limit(DSL.inline(1));
            }
            Field<Integer> rank = DSL.rowNumber().over(DSL.partitionBy(column).orderBy(table.id().field().asc()))
                    .as("grant_rank");
            List<Field<?>> inner = new ArrayList<>(table.fields());
            inner.add(rank);
            Table<Record> ranked = dsl.select(inner).from(table.table()).where(where).asTable("grant_lookup");
            List<Field<?>> outer = new ArrayList<>(table.fields().size());
            for (Field<?> field : table.fields()) {
                outer.add(ranked.field(field));
            }
            return dsl.select(outer).from(ranked).where(ranked.field(rank).eq(DSL.inline(1)));
        }

        @Override
        public void run(Session session) throws Exception {
            if (!((QueryOperation<?, ?>) members().get(0).operation()).spec().conditions().isEmpty()
                    || !bindsDirectly() || !session.direct()) {
                super.run(session);
                return;
            }
            boolean quoted = session.quoted(table());
            DSLContext dsl = session.dsl(table());
            List<Object> bound = padded();
            int size = asArray() && bound.size() > 1 ? -1 : bound.size();
            ShapeKey shapeKey = new ShapeKey(key.table(), key.column(), JooqSettings.rendering(dsl.configuration()),
                    quoted, key.unique(), size);
            String sql = SQL.get(shapeKey);
            if (sql == null) {
                sql = dsl.render(query(dsl, bound));
                if (SQL.size() < MAX_SHAPES) {
                    SQL.putIfAbsent(shapeKey, sql);
                }
            }
            Connection connection = session.connection();
            Result<Record> rows;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                if (size == -1) {
                    statement.setArray(1, array(connection, bound));
                } else {
                    for (int i = 0; i < bound.size(); i++) {
                        DirectBinds.set(statement, i + 1, bound.get(i));
                    }
                }
                session.attach(statement);
                boolean watched = session.watchesStatements();
                long started = watched ? System.nanoTime() : 0;
                Throwable failure = null;
                int read = -1;
                try (ResultSet resultSet = statement.executeQuery()) {
                    session.sent(1, 1);
                    rows = dsl.fetch(resultSet, key.table().fields().toArray(Field<?>[]::new));
                    read = rows.size();
                } catch (SQLException | RuntimeException e) {
                    failure = e;
                    throw e;
                } finally {
                    session.detach();
                    if (watched) {
                        session.executed(members(), sql, () -> bound, System.nanoTime() - started, read, failure);
                    }
                }
            }
            deliver(rows);
        }

        /** Whether the values can be bound through plain JDBC setters (the same as jOOQ would bind them). */
        private boolean bindsDirectly() {
            Class<?> type = key.column().type();
            return type == Long.class || type == Integer.class || type == Short.class || type == String.class
                    || (type == UUID.class && dialect.family() != SQLDialect.MARIADB);
        }

        private Array array(Connection connection, List<Object> bound) throws SQLException {
            Class<?> type = key.column().type();
            String sqlType = type == Long.class ? "int8" : type == Integer.class ? "int4" : type == Short.class ? "int2"
                    : type == UUID.class ? "uuid" : "varchar";
            return connection.createArrayOf(sqlType, bound.toArray());
        }

        @Override
        public void deliver(Result<Record> result) {
            Map<Object, Record> byValue = new HashMap<>();
            Field<?> column = key.column().field();
            for (Record row : result) {
                byValue.putIfAbsent(row.get(column), row);
            }
            for (Pending<?> member : members()) {
                deliver(member, byValue);
            }
        }

        private static <M> void deliver(Pending<?> member, Map<Object, Record> byValue) {
            @SuppressWarnings("unchecked") // a lookup key is only given to QueryOperations of lookups
            QueryOperation<M, Object> operation = (QueryOperation<M, Object>) member.operation();
            @SuppressWarnings("unchecked") // lookups of model M: the operation's computation is one
            Lookup<M, ?> lookup = (Lookup<M, ?>) (Computation<M, ?>) operation.computation();
            @SuppressWarnings("unchecked") // its result type is the lookup's, Optional<M>
            Pending<Object> typed = (Pending<Object>) member;
            typed.settle(() -> lookup.found(byValue.get(lookup.value()), operation.spec().table()));
        }
    }
}
