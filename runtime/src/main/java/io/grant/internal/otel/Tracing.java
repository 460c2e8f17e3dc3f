package io.grant.internal.otel;

import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.internal.Observer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/**
 * Traces a database's operations with OpenTelemetry: each operation is a {@code CLIENT} span started when the
 * operation is created, on the creating thread, as a child of the span current there (so the parent survives the hop
 * to the virtual thread that runs it), and ended when the operation ends. A fan-out across shards is an
 * {@code INTERNAL} span, current while the shards' operations are created, so that each shard's span is its child;
 * it ends once every shard settled.
 *
 * <p>Attributes follow OpenTelemetry's database conventions: {@code db.system.name} (and the older
 * {@code db.system}), {@code db.namespace}, {@code db.operation.name} (the operation's kind: {@code count},
 * {@code find}, {@code update}, {@code custom}), {@code db.query.text} only when asked for, {@code error.type} and
 * {@code db.response.status_code} (the SQLState) on failure; Grant's own: {@code grant.database},
 * {@code grant.shard}, {@code grant.outcome}. A failed or timed-out operation has status {@code ERROR} (a failure
 * is also recorded as an exception event); a cancelled one keeps status {@code UNSET}.
 *
 * <p>The only class of Grant that names OpenTelemetry's types: it is loaded only when the user passed an
 * {@code OpenTelemetry}, which proves the API is there ({@link Presence}). Not API.
 */
public final class Tracing implements Observer {

    private static final String SCOPE = "io.grant";
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    private static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    private static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
    private static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    private static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> GRANT_DATABASE = AttributeKey.stringKey("grant.database");
    private static final AttributeKey<String> GRANT_SHARD = AttributeKey.stringKey("grant.shard");
    private static final AttributeKey<Long> GRANT_SHARDS = AttributeKey.longKey("grant.shards");
    private static final AttributeKey<String> GRANT_OUTCOME = AttributeKey.stringKey("grant.outcome");

    private final Tracer tracer;
    private final Attributes database;
    /** The spans of running operations, to put their SQL on; only when the SQL is traced. */
    private final Map<Observed, Span> running;

    private Tracing(Tracer tracer, Attributes database, boolean queryText) {
        this.tracer = tracer;
        this.database = database;
        this.running = queryText ? new ConcurrentHashMap<>() : null;
    }

    /**
     * The observer that traces database {@code name} with {@code openTelemetry} (checked by {@link Presence}).
     *
     * @param namespace the database's name on its server, for {@code db.namespace}
     * @param queryText whether spans carry {@code db.query.text}
     */
    public static Observer observer(Object openTelemetry, String name, SQLDialect dialect, String namespace,
            boolean queryText) {
        Tracer tracer = ((OpenTelemetry) openTelemetry).getTracer(SCOPE);
        AttributesBuilder attributes = Attributes.builder()
                .put(DB_SYSTEM_NAME, systemName(dialect))
                .put(DB_SYSTEM, system(dialect))
                .put(DB_NAMESPACE, namespace)
                .put(GRANT_DATABASE, name);
        return new Tracing(tracer, attributes.build(), queryText);
    }

    /** The database's name on its server (its JDBC catalog), or {@code fallback} if it cannot be had. */
    public static String namespace(DataSource dataSource, String fallback) {
        try (Connection connection = dataSource.getConnection()) {
            String catalog = connection.getCatalog();
            return catalog == null || catalog.isBlank() ? fallback : catalog;
        } catch (SQLException | RuntimeException e) {
            return fallback;
        }
    }

    /** {@code db.system.name}, as the current conventions spell it. */
    private static String systemName(SQLDialect dialect) {
        return switch (dialect.family()) {
            case POSTGRES -> "postgresql";
            case MARIADB -> "mariadb";
            case MYSQL -> "mysql";
            case H2 -> "h2database";
            default -> "other_sql";
        };
    }

    /** {@code db.system}, as the conventions before 1.26 spell it. */
    private static String system(SQLDialect dialect) {
        return switch (dialect.family()) {
            case POSTGRES -> "postgresql";
            case MARIADB -> "mariadb";
            case MYSQL -> "mysql";
            case H2 -> "h2";
            default -> "other_sql";
        };
    }

    @Override
    public boolean watchesStatements() {
        return running != null;
    }

    @Override
    public Object created(Observed operation) {
        SpanBuilder builder = tracer.spanBuilder(operation.name())
                .setParent(Context.current())
                .setSpanKind(SpanKind.CLIENT)
                .setAllAttributes(database)
                .setAttribute(DB_OPERATION_NAME, operation.kind());
        if (operation.shard() != null) {
            builder.setAttribute(GRANT_SHARD, operation.shard());
        }
        Span span = builder.startSpan();
        if (running != null) {
            running.put(operation, span);
        }
        return span;
    }

    @Override
    public void started(Observed operation, Object context, long waitedNanos) {
        if (context instanceof Span span) {
            span.addEvent("grant.started"); // when it got a connection: the span's time before it is the wait
        }
    }

    @Override
    public void statement(Executed statement) {
        if (running == null) {
            return;
        }
        for (Observed operation : statement.operations()) {
            Span span = running.get(operation);
            if (span != null) {
                span.setAttribute(DB_QUERY_TEXT, statement.sql());
            }
        }
    }

    @Override
    public void ended(Observed operation, Object context, AsyncResult.State outcome, boolean timedOut, Throwable error,
            long nanos) {
        if (!(context instanceof Span span)) {
            return;
        }
        if (running != null) {
            running.remove(operation);
        }
        switch (outcome) {
            case SUCCESS -> span.setAttribute(GRANT_OUTCOME, "success");
            case FAILED -> {
                span.setAttribute(GRANT_OUTCOME, "failed");
                if (error != null) {
                    span.setAttribute(ERROR_TYPE, error.getClass().getName());
                    String state = sqlState(error);
                    if (state != null) {
                        span.setAttribute(DB_RESPONSE_STATUS_CODE, state);
                    }
                    span.recordException(error);
                }
                span.setStatus(StatusCode.ERROR, error == null ? "failed" : String.valueOf(error.getMessage()));
            }
            case CANCELLED -> {
                if (timedOut) {
                    span.setAttribute(GRANT_OUTCOME, "timed_out");
                    span.setAttribute(ERROR_TYPE, AsyncTimeoutException.class.getName());
                    span.setStatus(StatusCode.ERROR, "timed out");
                } else {
                    span.setAttribute(GRANT_OUTCOME, "cancelled");
                }
            }
            default -> { }
        }
        span.end();
    }

    /** The SQLState of the first {@link SQLException} among {@code error} and its causes, or {@code null}. */
    private static String sqlState(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @Override
    public FanOut fanOut(String operation, List<String> shards) {
        Span span = tracer.spanBuilder(operation)
                .setParent(Context.current())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(GRANT_SHARDS, (long) shards.size())
                .startSpan();
        Scope scope = span.makeCurrent();
        return new FanOut() {
            @Override
            public void close() {
                scope.close();
            }

            @Override
            public void ended(Map<String, Throwable> failures) {
                if (!failures.isEmpty()) {
                    failures.forEach((shard, error) -> span.recordException(error, Attributes.of(GRANT_SHARD, shard)));
                    span.setStatus(StatusCode.ERROR, "shards " + failures.keySet() + " did not succeed");
                }
                span.end();
            }
        };
    }

    @Override
    public String toString() {
        return "Tracing[" + database.get(GRANT_DATABASE) + "]";
    }
}
