package io.grant.internal;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Binds a point in time ({@code Instant}, {@code OffsetDateTime}) the way each database stores it. PostgreSQL
 * and H2 get a {@code timestamp with time zone} value. MariaDB and MySQL have no such type and reject an offset
 * in a datetime value, so there the value is written and read as its UTC date-time; {@code OffsetDateTime}s
 * therefore come back at offset UTC (the same instant). Not API.
 *
 * @param <U> the Java type
 */
@SuppressWarnings("serial") // Binding is Serializable by inheritance; the functions here are never serialized
public final class UtcTimestampBinding<U> implements Binding<OffsetDateTime, U> {

    private static final long serialVersionUID = 1L;

    private final Converter<OffsetDateTime, U> converter;

    private UtcTimestampBinding(Class<U> type, Function<OffsetDateTime, U> from, Function<U, OffsetDateTime> to) {
        this.converter = Converter.ofNullable(OffsetDateTime.class, type, from::apply, to::apply);
    }

    /** The binding for {@code Instant}. */
    public static UtcTimestampBinding<java.time.Instant> instant() {
        return new UtcTimestampBinding<>(java.time.Instant.class, OffsetDateTime::toInstant,
                value -> value.atOffset(ZoneOffset.UTC));
    }

    /** The binding for {@code OffsetDateTime}. */
    public static UtcTimestampBinding<OffsetDateTime> offsetDateTime() {
        return new UtcTimestampBinding<>(OffsetDateTime.class, Function.identity(), Function.identity());
    }

    @Override
    public Converter<OffsetDateTime, U> converter() {
        return converter;
    }

    private static boolean utcLocal(SQLDialect dialect) {
        SQLDialect family = dialect.family();
        return family == SQLDialect.MARIADB || family == SQLDialect.MYSQL;
    }

    @Override
    public void sql(BindingSQLContext<U> ctx) throws SQLException {
        if (ctx.render().paramType() == ParamType.INLINED) {
            OffsetDateTime value = converter.to(ctx.value());
            if (value == null) {
                ctx.render().visit(DSL.inline((Object) null));
            } else if (utcLocal(ctx.dialect())) {
                ctx.render().visit(DSL.inline(value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
            } else {
                ctx.render().visit(DSL.inline(value));
            }
        } else {
            ctx.render().sql(ctx.variable());
        }
    }

    @Override
    public void register(BindingRegisterContext<U> ctx) throws SQLException {
        ctx.statement().registerOutParameter(ctx.index(),
                utcLocal(ctx.dialect()) ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    public void set(BindingSetStatementContext<U> ctx) throws SQLException {
        OffsetDateTime value = converter.to(ctx.value());
        boolean local = utcLocal(ctx.dialect());
        if (value == null) {
            ctx.statement().setNull(ctx.index(), local ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (local) {
            ctx.statement().setObject(ctx.index(), value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        } else {
            ctx.statement().setObject(ctx.index(), value);
        }
    }

    @Override
    public void set(BindingSetSQLOutputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("timestamps in user-defined types are not supported");
    }

    @Override
    public void get(BindingGetResultSetContext<U> ctx) throws SQLException {
        if (utcLocal(ctx.dialect())) {
            LocalDateTime local = ctx.resultSet().getObject(ctx.index(), LocalDateTime.class);
            ctx.value(converter.from(local == null ? null : local.atOffset(ZoneOffset.UTC)));
        } else {
            ctx.value(converter.from(ctx.resultSet().getObject(ctx.index(), OffsetDateTime.class)));
        }
    }

    @Override
    public void get(BindingGetStatementContext<U> ctx) throws SQLException {
        if (utcLocal(ctx.dialect())) {
            LocalDateTime local = ctx.statement().getObject(ctx.index(), LocalDateTime.class);
            ctx.value(converter.from(local == null ? null : local.atOffset(ZoneOffset.UTC)));
        } else {
            ctx.value(converter.from(ctx.statement().getObject(ctx.index(), OffsetDateTime.class)));
        }
    }

    @Override
    public void get(BindingGetSQLInputContext<U> ctx) throws SQLException {
        throw new SQLFeatureNotSupportedException("timestamps in user-defined types are not supported");
    }
}
