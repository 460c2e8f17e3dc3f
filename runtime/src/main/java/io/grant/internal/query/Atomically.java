package io.grant.internal.query;

import io.grant.internal.PgTransactions;
import io.grant.internal.SavepointLostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * Runs work of several statements on one connection so that it is all or nothing. On a connection in auto-commit
 * mode (a pooled connection, as an operation gets it) the work is one transaction: committed when it returns,
 * rolled back when it throws, and the connection is back in auto-commit mode either way. On a connection already
 * inside a transaction (auto-commit off: someone else's transaction) the work runs under a savepoint instead,
 * rolled back to on failure and released on success, and nothing is committed: the enclosing transaction decides.
 * That is why this is not {@code dsl.transactionResult(...)}, whose default provider commits whenever it began
 * the outermost jOOQ transaction, enclosing JDBC transaction or not. Not API.
 */
final class Atomically {

    private Atomically() {}

    /** Runs {@code work}, whose statements go through {@code dsl}, atomically on {@code dsl}'s connection. */
    static <T> T run(DSLContext dsl, Supplier<T> work) {
        boolean postgres = dsl.family() == SQLDialect.POSTGRES;
        return dsl.connectionResult(connection -> connection.getAutoCommit()
                ? transaction(connection, postgres, work)
                : savepoint(connection, work));
    }

    private static <T> T transaction(Connection connection, boolean postgres, Supplier<T> work) throws SQLException {
        connection.setAutoCommit(false);
        T result;
        try {
            if (postgres) {
                PgTransactions.begin(connection); // no statement of the work may run before the BEGIN, outside it
            }
            result = work.get();
            connection.commit();
        } catch (SQLException | RuntimeException | Error e) {
            Exception lost = rollback(connection, null);
            if (lost != null) {
                // auto-commit stays off: turning it on would commit what the rollback left; the lane gives up a
                // connection whose auto-commit is off
                e.addSuppressed(lost);
            } else {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException | RuntimeException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    private static <T> T savepoint(Connection connection, Supplier<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            Exception lost = rollback(connection, savepoint);
            if (lost != null) {
                // its writes may still be in the enclosing transaction, which must then not commit (TxSession)
                e.addSuppressed(new SavepointLostException(lost));
            }
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }

    /** Rolls back (to {@code savepoint}, if given); the failure to do so, or {@code null} if it worked. */
    private static Exception rollback(Connection connection, Savepoint savepoint) {
        try {
            if (savepoint == null) {
                connection.rollback();
            } else {
                connection.rollback(savepoint);
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }
}
