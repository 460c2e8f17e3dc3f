package io.grant.internal;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Binds a local date, time or date-time as itself ({@code setObject(value)}, {@code getObject(index, type)}, which
 * JDBC 4.2 drivers support), never through {@code java.sql.Timestamp}, {@code Date} or {@code Time}: those stand
 * for instants in the JVM's time zone, so a value that does not exist there (02:30 on the night the clocks go
 * forward) would come back an hour off. A local value has no zone, and is stored and read exactly as it is.
 * Not API.
 *
 * @param <T> {@link LocalDate}, {@link LocalTime} or {@link LocalDateTime}
 */
@SuppressWarnings("serial") // Binding is Serializable by inheritance; instances are never serialized
public final class LocalTimeBinding<T> implements Binding<T, T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final int sqlType;
    private final Converter<T, T> converter;

    private LocalTimeBinding(Class<T> type, int sqlType) {
        this.type = type;
        this.sqlType = sqlType;
        this.converter = Converter.ofNullable(type, type, value -> value, value -> value);
    }

    /** The binding for {@code LocalDate}. */
    public static LocalTimeBinding<LocalDate> localDate() {
        return new LocalTimeBinding<>(LocalDate.class, Types.DATE);
    }

    /** The binding for {@code LocalTime}. */
    public static LocalTimeBinding<LocalTime> localTime() {
        return new LocalTimeBinding<>(LocalTime.class, Types.TIME);
    }

    /** The binding for {@code LocalDateTime}. */
    public static LocalTimeBinding<LocalDateTime> localDateTime() {
        return new LocalTimeBinding<>(LocalDateTime.class, Types.TIMESTAMP);
    }

    @Override
    public Converter<T, T> converter() {
        return converter;
    }

    @Override
    public void sql(BindingSQLContext<T> ctx) throws SQLException {
        if (ctx.render().paramType() == ParamType.INLINED) {
            ctx.render().visit(DSL.inline(ctx.value(), type));
        } else {
            ctx.render().sql(ctx.variable());
        }
    }

    @Override
    public void register(BindingRegisterContext<T> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(), sqlType);
    }

    @Override
    public void set(BindingSetStatementContext<T> ctx) throws SQLException {
        if (ctx.value() == null) {
            ctx.statement().setNull(ctx.index(), sqlType);
        } else {
            ctx.statement().setObject(ctx.index(), ctx.value());
        }
    }

    @Override
    public void set(BindingSetSQLOutputContext<T> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("local date-times in user-defined types are not supported");
    }

    @Override
    public void get(BindingGetResultSetContext<T> ctx) throws SQLException {
        ctx.value(ctx.resultSet().getObject(ctx.index(), type));
    }

    @Override
    public void get(BindingGetStatementContext<T> ctx) throws SQLException {
        ctx.value(ctx.statement().getObject(ctx.index(), type));
    }

    @Override
    public void get(BindingGetSQLInputContext<T> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("local date-times in user-defined types are not supported");
    }
}
