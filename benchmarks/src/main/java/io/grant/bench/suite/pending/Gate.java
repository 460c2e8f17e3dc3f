package io.grant.bench.suite.pending;

import io.grant.bench.suite.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Keeps a pool's connections busy for as long as the workload needs: it takes an advisory lock on its own
 * connection, and each holder's statement ({@link #HOLD}) waits for that lock on the server, holding its connection,
 * until {@link #open()} releases it. Deterministic where a {@code pg_sleep} would have to guess a duration.
 */
final class Gate implements AutoCloseable {

    static final long KEY = 8_405_005L;

    /** What a holder runs: waits for the gate, then ends its transaction (and so the shared lock) at once. */
    static final String HOLD = "select pg_advisory_xact_lock_shared(" + KEY + ")";

    private final Connection connection;
    private boolean closed;

    Gate(Settings settings) throws SQLException {
        this.connection = settings.connect();
        try (Statement sql = connection.createStatement()) {
            sql.execute("select pg_advisory_lock(" + KEY + ")");
        }
    }

    /** Waits until {@code holders} statements wait at the gate, each holding a connection. */
    void awaitHolders(int holders, Duration limit) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (PreparedStatement waiting = connection.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and objid = ? and not granted")) {
            waiting.setLong(1, KEY);
            while (true) {
                try (ResultSet rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) >= holders) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + holders + " statements waited at the gate after "
                            + limit);
                }
                Thread.sleep(10);
            }
        }
    }

    /** Lets the holders through. */
    void open() throws SQLException {
        if (!closed) {
            closed = true;
            try (Statement sql = connection.createStatement()) {
                sql.execute("select pg_advisory_unlock(" + KEY + ")");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            open();
        } finally {
            connection.close();
        }
    }
}
