package io.grant.internal;

import io.grant.Grant;
import io.grant.Transaction;
import io.grant.TransactionWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * One run of a transaction's work ({@link TransactionOperation}), as the work sees it: its connection, and the
 * operations the work creates for the same database, which queue here ({@link Channels}) and run one after another,
 * in the order created, on a runner thread, taking turns with the work's own jOOQ statements ({@link #dsl()}), so
 * that the connection never serves two statements at once and everything runs in the order it was written.
 *
 * <p>Stopping it (the transaction was cancelled or ran out of time) cancels what is queued, cancels the running
 * statement on the server, and interrupts the work while it runs Java code or waits on Grant. Not API.
 */
final class TxSession extends Channels implements Transaction {

    private final TransactionOperation<?> transaction;
    private final Session lane;
    private final Connection connection;
    private final int attempt;
    private final boolean nested;
    private final Bound bound;
    private final Map<DSLContext, DSLContext> runnerDsls = new IdentityHashMap<>();
    private volatile DSLContext userDsl;
    private Thread workThread;
    private boolean interruptible;
    private boolean runnerActive;
    private Thread turnHolder;
    private int turnDepth;
    /** The guard of the transaction's own run: it stops first when the transaction is cancelled. */
    private final StatementGuard guard;
    /** Set when a nested transaction could not roll back to its savepoint: this one must then not commit. */
    private volatile IllegalStateException savepointLost;

    /**
     * @param transaction the transaction this is a run of
     * @param lane the connection's session (jOOQ bound to it, quoting where H2 needs it)
     * @param attempt how many runs came before this one
     * @param nested whether it is a savepoint of a transaction it runs in
     * @param outer the bindings in force where the transaction was created
     */
    TxSession(TransactionOperation<?> transaction, Session lane, int attempt, boolean nested, Bound outer) {
        super(transaction.dispatcher(), (nested ? "nested transaction '" : "transaction '") + transaction.name()
                + "'");
        this.transaction = transaction;
        this.lane = lane;
        this.connection = lane.connection();
        this.attempt = attempt;
        this.nested = nested;
        this.bound = Bound.with(outer, transaction.dispatcher(), this);
        this.guard = StatementGuard.current();
    }

    /** Also while the transaction's own cancel has begun but has not reached {@link #stop()} yet. */
    @Override
    boolean ownerStopping() {
        return stopping() || guard != null && guard.isStopping();
    }

    // ---------------------------------------------------------------- Transaction

    @Override
    public DSLContext dsl() {
        DSLContext dsl = userDsl;
        if (dsl == null) {
            try {
                dsl = lane.dsl(null).configuration().derive(new Turns()).dsl();
            } catch (SQLException e) {
                throw new DataAccessException("Cannot get jOOQ for " + owner, e);
            }
            userDsl = dsl;
        }
        return dsl;
    }

    @Override
    public Grant database() {
        return transaction.database();
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public boolean nested() {
        return nested;
    }

    @Override
    public String toString() {
        return "Transaction[" + owner + ", attempt " + attempt + "]";
    }

    // ---------------------------------------------------------------- running the work

    /**
     * Runs {@code work} on this thread with this transaction in force, then lets what it created and did not await
     * run. Throws what the work threw; a failure of an operation nobody observed; or a {@link CancellationException}
     * if the transaction was stopped meanwhile. The caller commits or rolls back.
     */
    <T> T runWork(TransactionWork<T> work, String shard) throws Throwable {
        lock.lock();
        try {
            if (stopping()) {
                throw new CancellationException(owner + " was cancelled");
            }
            workThread = Thread.currentThread();
            interruptible = true;
        } finally {
            lock.unlock();
        }
        Bound previousBound = Bound.set(bound);
        String previousShard = ShardContext.set(shard);
        T value;
        try {
            value = work.run(this);
            drain(); // what it created and did not wait for runs before the commit
        } finally {
            lock.lock();
            try {
                interruptible = false;
                workThread = null;
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // an interrupt sent to stop the work must not reach what runs next on this thread
            Bound.set(previousBound);
            ShardContext.set(previousShard);
        }
        if (stopping()) {
            throw new CancellationException(owner + " was cancelled");
        }
        Task<?> lost = unhandledFailure();
        if (lost != null) {
            lost.markObserved(); // its failure is the transaction's now
            Throwable cause = lost.failure();
            throw new IllegalStateException("Rolled back the " + owner + ": its operation '" + lost.operation()
                    + "' failed and nothing handled it (await the operations of a transaction, or recover from their "
                    + "failures): " + cause, cause);
        }
        return value;
    }

    @Override
    void check(Operation<?> operation) {
        if (operation instanceof TransactionOperation<?> inner) {
            inner.checkNested();
        }
        if (transaction.readOnly() && operation.writes()) {
            throw new IllegalStateException("Cannot run '" + operation.name() + "' inside the read-only " + owner
                    + ": it writes. Run it in a transaction without readOnly()");
        }
    }

    @Override
    void stop() {
        super.stop();
        lock.lock();
        try {
            if (interruptible && workThread != null && turnHolder != workThread) {
                workThread.interrupt(); // its own statement, if one runs, is cancelled on the server instead
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    void wake() {
        if (!runnerActive) {
            runnerActive = true;
            Thread.ofVirtual().name("grant-tx-" + dispatcher.database()).start(this::runQueued);
        }
    }

    /** The runner: runs what is queued, one at a time, after the work's own statement if one runs. */
    private void runQueued() {
        while (true) {
            Queued<?> next;
            lock.lock();
            try {
                while (turnHolder != null && !queue.isEmpty()) {
                    changed.awaitUninterruptibly();
                }
                next = take();
                if (next == null) {
                    runnerActive = false;
                    changed.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
            Queued<?> taken = next;
            run(taken, () -> runnerDsl(taken.operation.table()), bound);
        }
    }

    /** jOOQ on the connection for an operation of {@code table}, whose statements its own guard can cancel. */
    private DSLContext runnerDsl(String table) throws SQLException {
        DSLContext base = lane.dsl(table);
        synchronized (runnerDsls) {
            return runnerDsls.computeIfAbsent(base,
                    dsl -> dsl.configuration().deriveAppending(StatementGuard.LISTENER).dsl());
        }
    }

    @Override
    <R> R execute(Operation<R> operation, DSLContext dsl) throws Exception {
        if (operation instanceof TransactionOperation<R> inner) {
            return inner.runNested(this);
        }
        try {
            return operation.execute(dsl);
        } catch (RuntimeException | Error e) {
            SavepointLostException lost = SavepointLostException.in(e);
            if (lost != null) { // insertAll's savepoint: even if the work handles this failure, no commit
                lostSavepoint("operation '" + operation.name() + "'", lost.getCause());
            }
            throw e;
        }
    }

    /** A nested transaction, {@code nested}, failed and could not roll back to its savepoint. */
    void savepointLost(String nested, Throwable rollback) {
        lostSavepoint("nested transaction '" + nested + "'", rollback);
    }

    /** {@code what} ("operation 'Note.insertAll'") failed under a savepoint and could not roll back to it. */
    private void lostSavepoint(String what, Throwable rollback) {
        if (savepointLost == null) {
            savepointLost = new IllegalStateException("'" + transaction.name() + "' cannot commit: the " + what
                    + " failed and could not be rolled back to its savepoint, so its writes may still be there; the "
                    + "whole transaction is rolled back", rollback);
        }
    }

    /** Refuses to {@code verb} (commit, be released) after a nested transaction's savepoint was lost. */
    void refuseIfSavepointLost(String verb) {
        IllegalStateException lost = savepointLost;
        if (lost != null) {
            throw new IllegalStateException(lost.getMessage().replace("cannot commit", "cannot " + verb),
                    lost.getCause());
        }
    }

    /** The connection's session. */
    Session lane() {
        return lane;
    }

    /** The bindings of this run: for a nested transaction created inside it. */
    Bound bound() {
        return bound;
    }

    // ---------------------------------------------------------------- the work's own statements

    /**
     * Ends this run: what is queued is cancelled, what is created from now on is refused, and it waits until nothing
     * runs on the connection any more (an operation being cancelled has stopped, a statement of the work's own has
     * ended), so that the commit or rollback that follows is the last thing on it. Otherwise a statement still in
     * flight could run after the rollback, in a new transaction, which turning auto-commit back on would commit.
     */
    void finish(String how) {
        end(how);
        lock.lock();
        try {
            while (busy() || turnHolder != null || runnerActive) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing created before is queued or running, then takes the connection; reentrant. */
    Connection takeTurn() {
        lock.lock();
        try {
            Thread me = Thread.currentThread();
            if (turnHolder == me) {
                turnDepth++;
                return connection;
            }
            while (turnHolder != null || !queue.isEmpty() || busy()) {
                changed.await();
            }
            if (ended() != null) {
                throw new DataAccessException("Cannot run a statement on the connection of the " + owner + ": it has "
                        + ended() + "; statements of its work run before it ends");
            }
            if (stopping()) {
                throw new DataAccessException(owner + " was cancelled");
            }
            turnHolder = me;
            turnDepth = 1;
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("Interrupted while waiting for the connection of " + owner, e);
        } finally {
            lock.unlock();
        }
    }

    /** Gives the connection back to the runner. */
    void giveTurn() {
        lock.lock();
        try {
            if (turnHolder == Thread.currentThread() && --turnDepth == 0) {
                turnHolder = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code candidate} is this transaction's connection. */
    boolean owns(Connection candidate) {
        return candidate == connection;
    }

    /** The transaction's connection for jOOQ, taken in turns with the operations queued before. */
    private final class Turns implements ConnectionProvider {
        @Override
        public Connection acquire() {
            return takeTurn();
        }

        @Override
        public void release(Connection released) {
            giveTurn();
        }
    }
}
