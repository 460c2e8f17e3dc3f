package io.grant.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * The connections of {@code Grant.dsl()}: inside a transaction of its database ({@link Bound}), the transaction's
 * own, taken in turns with the operations queued there; anywhere else, one from the pool for each statement. Not API.
 */
public final class BoundConnections implements ConnectionProvider {

    private final DataSource dataSource;
    private final Dispatcher dispatcher;

    /** Connections of {@code dataSource}, or of the transaction of {@code dispatcher}'s database in force. */
    public BoundConnections(DataSource dataSource, Dispatcher dispatcher) {
        this.dataSource = dataSource;
        this.dispatcher = dispatcher;
    }

    @Override
    public Connection acquire() {
        if (Bound.channelsFor(dispatcher) instanceof TxSession transaction) {
            return transaction.takeTurn();
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot get a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(Connection connection) {
        if (Bound.channelsFor(dispatcher) instanceof TxSession transaction && transaction.owns(connection)) {
            transaction.giveTurn();
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot give a connection back: " + e.getMessage(), e);
        }
    }
}
