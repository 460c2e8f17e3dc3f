package io.grant.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Whether PostgreSQL has aborted the transaction of a connection. After any failed statement PostgreSQL refuses
 * everything but a rollback, and answers a {@code COMMIT} with a rollback that pgjdbc does not report as an error: a
 * commit that "succeeded" would have lost the work. pgjdbc tracks the state on the client, so asking costs nothing.
 * Loaded only for PostgreSQL, where pgjdbc is on the class path. Not API.
 */
final class PgTransactions {

    private PgTransactions() {}

    /** Whether the transaction on {@code connection} was aborted by a failed statement; false if it cannot tell. */
    static boolean aborted(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class)
                    && connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
        } catch (SQLException | LinkageError e) {
            return false; // another driver: the commit's own outcome is all there is
        }
    }
}
