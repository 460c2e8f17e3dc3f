package io.grant.internal;

import io.grant.Grant;
import io.grant.Isolation;
import io.grant.TransactionOptions;
import io.grant.TransactionWork;
import io.grant.async.AsyncResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction ({@code db.transaction(work)}), as its database's {@link Dispatcher} runs it: alone on a lane, which
 * holds one pooled connection for it, with the work running on the lane's virtual thread and the operations the
 * work creates running on that connection ({@link TxSession}).
 *
 * <p>It commits when the work returns and rolls back when it throws, is cancelled or runs out of time (the statement
 * running then is cancelled on the server first); a cancel that comes once the commit has begun does nothing
 * ({@link Task#seal()}), so the result always says what happened. A cancelled or timed-out result is published once
 * the rollback is done ({@link Task#holdStop()}). It runs the whole work again, up to {@code retries} times, after a
 * serialization failure or deadlock, and never after anything else. Inside a transaction on the same database it is
 * a savepoint. Not API.
 *
 * @param <T> what the work produces
 */
public final class TransactionOperation<T> implements Operation<T> {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionOperation.class);

    private final Grant database;
    private final Dispatcher dispatcher;
    private final TransactionOptions options;
    private final TransactionWork<T> work;
    private final String shard = ShardContext.current();
    private final Bound outer = Bound.current();
    private volatile Task<T> task;

    private TransactionOperation(Grant database, Dispatcher dispatcher, TransactionOptions options,
            TransactionWork<T> work) {
        this.database = database;
        this.dispatcher = dispatcher;
        this.options = options;
        this.work = work;
    }

    /** Starts {@code work} as a transaction of {@code database} and returns its result at once. */
    public static <T> AsyncResult<T> start(Grant database, Dispatcher dispatcher, TransactionOptions options,
            TransactionWork<T> work) {
        return dispatcher.submit(new TransactionOperation<>(database, dispatcher, options, work));
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    Grant database() {
        return database;
    }

    TransactionOptions options() {
        return options;
    }

    @Override
    public String name() {
        return database.name() + ".transaction";
    }

    @Override
    public String kind() {
        return "transaction";
    }

    @Override
    public boolean readOnly() {
        return options.isReadOnly();
    }

    @Override
    public boolean writes() {
        return false; // what it writes goes through operations of its own, checked one by one
    }

    @Override
    public boolean retriable() {
        return false;
    }

    @Override
    public void submitted(Task<T> created) {
        this.task = created;
        created.holdStop();
        Duration limit = options.timeout();
        if (limit != null) {
            ScheduledFuture<?> timer = Timers.after(limit, () -> created.timeout(limit));
            created.whenSettled(() -> timer.cancel(false));
        }
    }

    @Override
    public T execute(DSLContext dsl) {
        throw new UnsupportedOperationException("a transaction runs on a lane's session");
    }

    /** Runs the transaction on the lane's connection: the whole work, committed, or rolled back. */
    @Override
    public T run(Session lane) throws Exception {
        Connection connection = lane.connection();
        StatementGuard guard = StatementGuard.current();
        Integer isolationBefore = null;
        boolean readOnlySet = false;
        boolean autoCommitOff = false;
        boolean rolledBack = true; // whether the last rollback, if one ran, is known to have worked
        try {
            connection.setAutoCommit(false);
            autoCommitOff = true;
            if (options.isolation() != null) {
                isolationBefore = connection.getTransactionIsolation();
                connection.setTransactionIsolation(level(options.isolation()));
            }
            if (options.isReadOnly()) {
                readOnly(connection, true);
                readOnlySet = true;
            }
            for (int attempt = 0;; attempt++) {
                TxSession session = new TxSession(this, lane, attempt, false, outer);
                guard.onStop(session::stop);
                try {
                    begin(connection);
                    T value = session.runWork(work, shard);
                    session.finish("ended");
                    refuseIfAborted(connection, session, "commit");
                    session.refuseIfSavepointLost("commit");
                    if (!task.seal()) {
                        throw new CancellationException("'" + name() + "' was cancelled before it committed");
                    }
                    connection.commit();
                    return value;
                } catch (Throwable e) {
                    session.finish("rolled back");
                    rolledBack = rollback(connection, e);
                    if (!rolledBack || guard.isStopping() || task.isDone()) {
                        throw e instanceof Exception ex ? ex : new CancellationException(e.toString());
                    }
                    if (attempt < options.retries() && serializationFailure(e)) {
                        task.unseal(); // the commit failed: the next run may be cancelled again
                        LOG.debug("Running '{}' again (attempt {}) after: {}", name(), attempt + 1, e.toString());
                        backoff(attempt, guard);
                        continue;
                    }
                    throw rethrow(e);
                }
            }
        } finally {
            guard.onStop(null);
            if (rolledBack) {
                restore(lane, connection, autoCommitOff, isolationBefore, readOnlySet);
            } else {
                // turning auto-commit back on would commit what the failed rollback left open; left off, the lane gives
                // the connection up (Dispatcher.Lane#autoCommitting), and the server rolls the transaction back
                LOG.debug("The rollback of '{}' failed; its connection is given up", name());
            }
        }
    }

    /** Runs the transaction as a savepoint of {@code parent}, on the parent's runner thread. */
    T runNested(TxSession parent) throws Exception {
        Connection connection = parent.lane().connection();
        StatementGuard guard = StatementGuard.current();
        Savepoint savepoint = connection.setSavepoint();
        TxSession session = new TxSession(this, parent.lane(), 0, true, outer);
        guard.onStop(session::stop);
        try {
            T value = session.runWork(work, shard);
            session.finish("ended");
            refuseIfAborted(connection, session, "be released");
            session.refuseIfSavepointLost("be released");
            if (!task.seal()) {
                throw new CancellationException("'" + name() + "' was cancelled before it was released");
            }
            connection.releaseSavepoint(savepoint);
            return value;
        } catch (Throwable e) {
            session.finish("rolled back");
            try {
                connection.rollback(savepoint);
            } catch (SQLException | RuntimeException rollback) {
                e.addSuppressed(rollback);
                parent.savepointLost(name(), rollback); // its writes may still be there: the parent must not commit
            }
            throw rethrow(e);
        } finally {
            guard.onStop(null);
        }
    }

    /**
     * Begins the transaction on the server before the work runs (PostgreSQL: {@link PgTransactions#begin}), so that no
     * statement of the work can run outside it; not once the transaction is being cancelled.
     */
    private void begin(Connection connection) throws SQLException {
        if (dispatcher.dialect().family() != SQLDialect.POSTGRES) {
            return; // MariaDB's driver sends "set autocommit=0" at once, and H2 runs in this process
        }
        StatementGuard guard = StatementGuard.current();
        if (guard != null && guard.isStopping()) {
            throw new CancellationException("'" + name() + "' was cancelled before it began");
        }
        PgTransactions.begin(connection);
    }

    /**
     * Refuses what a nested transaction cannot have: its isolation, read-only mode and retries are those of the
     * transaction it runs in.
     */
    void checkNested() {
        if (options.isolation() != null || options.isReadOnly() || options.retries() > 0) {
            throw new IllegalStateException("A transaction inside a transaction on the same database ('" + name()
                    + "') is a savepoint of it: it takes the isolation, read-only mode and retries of the outer one. "
                    + "Give it no options but timeout(...), was " + options);
        }
    }

    /**
     * Fails instead of committing a PostgreSQL transaction that a failed statement aborted: PostgreSQL would roll it
     * back and pgjdbc would report success.
     */
    private void refuseIfAborted(Connection connection, TxSession session, String verb) {
        if (dispatcher.dialect().family() != SQLDialect.POSTGRES || !PgTransactions.aborted(connection)) {
            return;
        }
        Task<?> first = session.firstFailure();
        String cause = first == null ? "a statement failed" : "'" + first.operation() + "' failed: " + first.failure();
        throw new IllegalStateException("'" + name() + "' cannot " + verb + ": " + cause + ", and PostgreSQL aborts a "
                + "transaction at its first failed statement, so it was rolled back. To go on after a statement that "
                + "may fail, run it in a nested db.transaction(...), a savepoint", first == null ? null
                        : first.failure());
    }

    private static Exception rethrow(Throwable e) {
        if (e instanceof Exception ex) {
            return ex;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new RuntimeException(e);
    }

    /** Rolls back; false (the failure added to {@code cause}) if that did not work. */
    private static boolean rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    /** A short random pause before running the work again, so that two transactions do not collide once more. */
    private static void backoff(int attempt, StatementGuard guard) {
        long millis = ThreadLocalRandom.current().nextLong(5, 25) * (attempt + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (guard.isStopping()) {
            throw new CancellationException("cancelled while waiting to run again");
        }
    }

    /** Whether {@code error} says the database gave up the transaction to keep others consistent. */
    static boolean serializationFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    String state = next.getSQLState();
                    if ("40001".equals(state) || "40P01".equals(state) || next.getErrorCode() == 1213) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int level(Isolation isolation) {
        return switch (isolation) {
            case READ_COMMITTED -> Connection.TRANSACTION_READ_COMMITTED;
            case REPEATABLE_READ -> Connection.TRANSACTION_REPEATABLE_READ;
            case SERIALIZABLE -> Connection.TRANSACTION_SERIALIZABLE;
        };
    }

    /** Read-only mode: the driver's, and on MariaDB also {@code SET TRANSACTION READ ONLY}, which its driver skips. */
    private void readOnly(Connection connection, boolean on) throws SQLException {
        connection.setReadOnly(on);
        if (on && dispatcher.dialect().family() == SQLDialect.MARIADB) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ ONLY");
            }
        }
    }

    /**
     * Puts the connection back as the lane had it; a connection that cannot be put back (aborted, broken) is
     * discarded rather than handed to the next operation with a transaction open.
     */
    private void restore(Session lane, Connection connection, boolean autoCommitOff, Integer isolationBefore,
            boolean readOnlySet) {
        try {
            if (readOnlySet) {
                connection.setReadOnly(false);
            }
            if (isolationBefore != null) {
                connection.setTransactionIsolation(isolationBefore);
            }
            if (autoCommitOff) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not put back the connection of '{}'; discarding it: {}", name(), e.toString());
            lane.discard();
        }
    }

    @Override
    public String toString() {
        return "TransactionOperation[" + name() + ", " + options + "]";
    }
}
