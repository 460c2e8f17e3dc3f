package io.grant.internal.query;

import io.grant.query.Column;
import io.grant.query.ModelTable;
import java.io.Closeable;
import java.io.Serial;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Configuration;
import org.jooq.Converter;
import org.jooq.ConverterContext;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.ExecuteContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.RenderContext;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The {@code VALUES} list of one multi-row insert as a single jOOQ bind value, for {@code insertAll}: it renders
 * {@code (?, ?, default), (?, ?, ?), ...} itself, a {@code default} for each {@code null} (so the column gets its
 * database default; a column {@code null} in every row is not listed at all), and binds every value of every row
 * when jOOQ binds it; bound again with other rows of the same
 * shape ({@link #rows}), the one statement text serves a whole JDBC batch. The statement still runs through jOOQ
 * (its listeners, so a timeout cancels it on the server, its exception translation), but without one jOOQ bind value
 * object per cell, which for 100,000 rows cost more than a quarter of the time of a plain JDBC batch.
 *
 * <p>Values of {@code String}, {@code Integer}, {@code Long}, {@code Boolean} and {@code BigDecimal} columns are set
 * with the JDBC setter jOOQ itself uses for them; every other value is set through its column's own jOOQ binding
 * (enums by name, instants in UTC on MariaDB, ...), at its position in the statement. Rendered with inlined values
 * (a static statement, or {@code renderInlined}), each value is inlined by its column's binding. Not API.
 */
final class ValuesList {

    /** Column types whose jOOQ binding is a plain JDBC setter, which is called directly. */
    private static final Set<Class<?>> DIRECT = Set.of(String.class, Integer.class, Long.class, Boolean.class,
            BigDecimal.class);

    private static final DataType<Rows> TYPE = SQLDataType.OTHER.asConvertedDataType(new RowsBinding());

    private ValuesList() {}

    /**
     * The bind value that stands for the values list of {@code rows}, each a value per column of {@code table}, of
     * which the statement lists those {@code written}: the values of the others are {@code null} and left out.
     */
    static Param<Rows> of(ModelTable<?> table, boolean[] written, List<Object[]> rows) {
        return DSL.val(rows(table, written, rows), TYPE);
    }

    /**
     * The value of such a bind value, for another execution of the same statement (a JDBC batch): rows of the same
     * shape, as many, {@code null}s in the same places, since the statement's text comes from the first.
     */
    static Rows rows(ModelTable<?> table, boolean[] written, List<Object[]> rows) {
        return new Rows(table, written, rows);
    }

    /**
     * The rows of one statement.
     *
     * @param table their table
     * @param written which columns of {@code table} the statement lists (the others are {@code null} in every row)
     * @param rows their values, one per column of {@code table}, in its order
     */
    record Rows(ModelTable<?> table, boolean[] written, List<Object[]> rows) {}

    @SuppressWarnings("serial") // Binding is Serializable by inheritance; never serialized
    private static final class RowsBinding implements Binding<Object, Rows> {

        @Serial
        private static final long serialVersionUID = 1L;

        private static final Converter<Object, Rows> CONVERTER =
                Converter.ofNullable(Object.class, Rows.class, Rows.class::cast, rows -> rows);

        @Override
        public Converter<Object, Rows> converter() {
            return CONVERTER;
        }

        @Override
        public void sql(BindingSQLContext<Rows> ctx) {
            Rows rows = ctx.value();
            RenderContext render = ctx.render();
            if (render.paramType() == ParamType.INLINED) {
                inline(render, rows);
                return;
            }
            boolean[] written = rows.written();
            StringBuilder sql = new StringBuilder(rows.rows().size() * (written.length * 3 + 4));
            for (Object[] row : rows.rows()) {
                sql.append(sql.isEmpty() ? "(" : ", (");
                String separator = "";
                for (int i = 0; i < written.length; i++) {
                    if (written[i]) {
                        sql.append(separator).append(row[i] == null ? "default" : "?");
                        separator = ", ";
                    }
                }
                sql.append(')');
            }
            render.sql(sql.toString());
        }

        private static void inline(RenderContext render, Rows rows) {
            List<? extends Column<?, ?>> columns = rows.table().columns();
            boolean[] written = rows.written();
            boolean first = true;
            for (Object[] row : rows.rows()) {
                render.sql(first ? "(" : ", (");
                first = false;
                String separator = "";
                for (int i = 0; i < written.length; i++) {
                    if (written[i]) {
                        render.sql(separator);
                        separator = ", ";
                        Object value = row[i];
                        render.visit(value == null ? DSL.defaultValue() : DSL.inline(value, columns.get(i).field()));
                    }
                }
                render.sql(')');
            }
        }

        @Override
        public void set(BindingSetStatementContext<Rows> ctx) throws SQLException {
            List<? extends Column<?, ?>> columns = ctx.value().table().columns();
            boolean[] direct = new boolean[columns.size()];
            for (int i = 0; i < direct.length; i++) {
                direct[i] = DIRECT.contains(columns.get(i).type());
            }
            PreparedStatement statement = ctx.statement();
            int index = ctx.index();
            for (Object[] row : ctx.value().rows()) {
                for (int i = 0; i < direct.length; i++) {
                    Object value = row[i];
                    if (value == null) {
                        continue; // rendered as default
                    }
                    if (direct[i]) {
                        DirectBinds.set(statement, index++, value);
                    } else {
                        bind(ctx, index++, columns.get(i), value);
                    }
                }
            }
        }

        private static <T> void bind(BindingSetStatementContext<?> ctx, int index, Column<?, T> column, Object value)
                throws SQLException {
            Field<T> field = column.field();
            field.getBinding().set(new At<>(ctx, index, column.type().cast(value)));
        }

        @Override
        public void register(BindingRegisterContext<Rows> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("a values list is no OUT parameter");
        }

        @Override
        public void set(BindingSetSQLOutputContext<Rows> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("a values list is no user-defined type");
        }

        @Override
        public void get(BindingGetResultSetContext<Rows> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("a values list is never read");
        }

        @Override
        public void get(BindingGetStatementContext<Rows> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("a values list is never read");
        }

        @Override
        public void get(BindingGetSQLInputContext<Rows> ctx) throws SQLException {
            throw new SQLFeatureNotSupportedException("a values list is never read");
        }
    }

    /**
     * The context of the values list's binding, moved to one value at {@code index}: what a column's own binding
     * needs to set it.
     *
     * @param ctx the values list's context
     * @param index the value's position in the statement
     * @param value the value
     * @param <U> the value's type
     */
    private record At<U>(BindingSetStatementContext<?> ctx, int index, U value)
            implements BindingSetStatementContext<U> {

        @Override
        public PreparedStatement statement() {
            return ctx.statement();
        }

        @Override
        public <T> BindingSetStatementContext<T> convert(Converter<? extends T, ? super U> converter) {
            return new At<>(ctx, index, converter.to(value));
        }

        @Override
        public ConverterContext converterContext() {
            return ctx.converterContext();
        }

        @Override
        public ExecuteContext executeContext() {
            return ctx.executeContext();
        }

        @Override
        public Array autoFree(Array array) {
            return ctx.autoFree(array);
        }

        @Override
        public Blob autoFree(Blob blob) {
            return ctx.autoFree(blob);
        }

        @Override
        public Clob autoFree(Clob clob) {
            return ctx.autoFree(clob);
        }

        @Override
        public SQLXML autoFree(SQLXML xml) {
            return ctx.autoFree(xml);
        }

        @Override
        public <R extends Closeable> R autoClose(R closeable) {
            return ctx.autoClose(closeable);
        }

        @Override
        public <R extends AutoCloseable> R autoClose(R closeable) {
            return ctx.autoClose(closeable);
        }

        @Override
        public Instant creationTime() {
            return ctx.creationTime();
        }

        @Override
        public Configuration configuration() {
            return ctx.configuration();
        }

        @Override
        public DSLContext dsl() {
            return ctx.dsl();
        }

        @Override
        public Settings settings() {
            return ctx.settings();
        }

        @Override
        public SQLDialect dialect() {
            return ctx.dialect();
        }

        @Override
        public SQLDialect family() {
            return ctx.family();
        }

        @Override
        public Map<Object, Object> data() {
            return ctx.data();
        }

        @Override
        public Object data(Object key) {
            return ctx.data(key);
        }

        @Override
        public Object data(Object key, Object value) {
            return ctx.data(key, value);
        }
    }
}
