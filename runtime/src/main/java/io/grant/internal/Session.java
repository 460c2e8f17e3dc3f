package io.grant.internal;

import java.sql.Connection;
import java.sql.Statement;
import org.jooq.DSLContext;

/**
 * What a statement sees of the connection it runs on: jOOQ bound to it, the JDBC connection for statements that
 * skip jOOQ, and where to say what was sent. A statement run through {@link #dsl} is attached to the running
 * unit's {@link StatementGuard} by itself; one run on {@link #connection()} must {@link #attach} and
 * {@link #detach} itself. Not API.
 */
public interface Session {

    /** jOOQ on this connection, with the names of {@code table} quoted where H2 needs it. */
    DSLContext dsl(String table) throws java.sql.SQLException;

    /** The JDBC connection. */
    Connection connection();

    /** Whether the names of {@code table} must be quoted (H2, a table created with a quoted lower-case name). */
    boolean quoted(String table) throws java.sql.SQLException;

    /** A JDBC statement is about to run; refused (CancellationException) if the unit is being stopped. */
    void attach(Statement statement);

    /** The JDBC statement ended. */
    void detach();

    /**
     * Runs {@code statement} alone and returns its rows, typed by its fields; its SQL is rendered only the first time
     * a statement of its shape runs, and reused after.
     */
    org.jooq.Result<org.jooq.Record> fetch(io.grant.internal.Statement statement) throws java.sql.SQLException;

    /**
     * Whether a statement may skip jOOQ (bind and run through JDBC itself): not when the user gave jOOQ
     * {@code ExecuteListener}s, which must see every statement.
     */
    boolean direct();

    /** Whether anyone wants a statement that skipped jOOQ described: ask before timing it and calling {@link #executed}. */
    boolean watchesStatements();

    /** A statement that skipped jOOQ ran for {@code members}: for the observers (SQL logging, meters, traces). */
    void executed(java.util.List<Pending<?>> members, String sql,
            java.util.function.Supplier<java.util.List<Object>> binds, long nanos, int rows, Throwable error);

    /** {@code statements} statements went out in {@code trips} round trips, besides those jOOQ ran. */
    void sent(int statements, int trips);

    /** The connection must not serve anything more: it goes out of the pool once the running unit is done. */
    void discard();
}
