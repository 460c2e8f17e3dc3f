package io.grant.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * What Grant must know of a PostgreSQL transaction beyond JDBC, read from pgjdbc's own view of it (which costs nothing
 * to ask). Loaded only for PostgreSQL, where pgjdbc is on the class path. Not API.
 */
public final class PgTransactions {

    /** Takes no snapshot, so {@code SET TRANSACTION SNAPSHOT} may still follow it. */
    private static final String FIRST_STATEMENT = "show transaction_isolation";

    private PgTransactions() {}

    /**
     * Begins the transaction of {@code connection}, whose auto-commit is off, now and alone, before any statement that
     * must run inside it. pgjdbc begins a transaction lazily: it sends {@code BEGIN} as a simple query just in front of
     * the transaction's first statement. A cancel that lands on that {@code BEGIN} fails it, and the statement behind
     * it then runs outside any transaction, committed at once, while pgjdbc believes no transaction is open, so the
     * rollback that follows does nothing: half a transaction survives. Begun here, with nothing of the caller's behind
     * it, a cancel can only fail this call.
     *
     * @throws SQLException if the transaction could not be begun (the caller rolls back and gives up)
     */
    public static void begin(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(FIRST_STATEMENT);
        }
        if (state(connection) == TransactionState.IDLE) {
            throw new SQLException("PostgreSQL did not begin a transaction on this connection", "25P01");
        }
    }

    /**
     * Whether the transaction on {@code connection} was aborted by a failed statement; false if it cannot tell. After
     * any failed statement PostgreSQL refuses everything but a rollback, and answers a {@code COMMIT} with a rollback
     * that pgjdbc does not report as an error: a commit that "succeeded" would have lost the work.
     */
    static boolean aborted(Connection connection) {
        return state(connection) == TransactionState.FAILED;
    }

    /** pgjdbc's view of the transaction on {@code connection}; {@code null} if it cannot tell. */
    private static TransactionState state(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class)
                    ? connection.unwrap(BaseConnection.class).getTransactionState()
                    : null;
        } catch (SQLException | LinkageError e) {
            return null; // another driver: the statements' own outcomes are all there is
        }
    }
}
