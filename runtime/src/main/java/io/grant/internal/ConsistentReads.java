package io.grant.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The reads of a consistent {@code AsyncScope} ({@code AsyncScope.openConsistent(db)}): every read of the database
 * created in the scope sees one snapshot of it.
 *
 * <p>On PostgreSQL they still run in parallel: the first connection opens a repeatable-read, read-only transaction
 * and exports its snapshot ({@code pg_export_snapshot()}); more connections, opened while reads wait, import it
 * ({@code SET TRANSACTION SNAPSHOT}) and so see exactly what the first one sees. Elsewhere (MariaDB, H2: no way to
 * share a snapshot) one repeatable-read transaction runs them one after another. Each connection is a lane of the
 * database's {@link Dispatcher}, held until the scope closes; at most half the lanes, so that other work goes on.
 * Writes fail at once. Not API.
 */
public final class ConsistentReads extends Channels {

    private final boolean parallel;
    private final int limit;
    private final Bound bound;
    private final List<Task<Void>> channels = new ArrayList<>();
    private int idle;
    private int open;
    private int importing;
    private String snapshot;
    private Throwable broken;
    private boolean closing;

    private ConsistentReads(Dispatcher dispatcher, Bound outer) {
        super(dispatcher, "consistent AsyncScope of '" + dispatcher.database() + "'");
        this.parallel = dispatcher.dialect().family() == SQLDialect.POSTGRES && dispatcher.maxLanes() > 1;
        this.limit = parallel ? Math.max(1, dispatcher.maxLanes() / 2) : 1;
        this.bound = Bound.with(outer, dispatcher, this);
    }

    /**
     * Starts consistent reads of {@code dispatcher}'s database for a scope opened on this thread, and puts them in
     * force here; {@link #close()} ends them and puts back {@code Bound} as it was.
     */
    public static ConsistentReads open(Dispatcher dispatcher) {
        Channels current = Bound.channelsFor(dispatcher);
        if (current != null) {
            throw new IllegalStateException("Cannot open a consistent AsyncScope of '" + dispatcher.database()
                    + "' inside the " + current.owner + ": its operations already run on one connection there, in "
                    + "one transaction; open the consistent scope outside it");
        }
        ConsistentReads reads = new ConsistentReads(dispatcher, Bound.current());
        Bound.set(reads.bound);
        return reads;
    }

    /** Whether the reads run in parallel on several connections sharing one snapshot (PostgreSQL). */
    public boolean parallel() {
        return parallel;
    }

    @Override
    void check(Operation<?> operation) {
        if (operation.writes() || operation instanceof TransactionOperation<?>) {
            throw new IllegalStateException("Cannot run '" + operation.name() + "' in a " + owner + ": its reads "
                    + "share one read-only snapshot. Write outside the scope, or in db.transaction(...)");
        }
        lock.lock();
        try {
            if (broken != null) {
                throw new IllegalStateException("Cannot run '" + operation.name() + "': the " + owner
                        + " could not open its snapshot: " + broken, broken);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    void wake() {
        if (idle > 0) {
            changed.signalAll();
            return;
        }
        boolean first = open == 0 && snapshot == null;
        if (broken == null && !closing && (first || (snapshot != null && open < limit))) {
            open++;
            Task<Void> channel = dispatcher.submitUnowned(new Channel(first));
            channels.add(channel);
            channel.markObserved(); // its failure is acted on here
            channel.whenSettled(() -> {
                if (channel.state() != io.grant.async.AsyncResult.State.SUCCESS) {
                    channelEnded(channel.failure());
                }
            });
        }
    }

    /**
     * A connection of the scope ended before the scope closed (no connection could be had, the snapshot could not be
     * shared): if it was the last, what waits fails with {@code error}.
     */
    private void channelEnded(Throwable error) {
        lock.lock();
        try {
            if (closing || open > 0 || queue.isEmpty()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        fail(error);
    }

    /**
     * Ends the reads: what is still queued is cancelled, the connections roll their read-only transactions back and
     * go back to their lanes; waits for that. Puts back the bindings in force when it was opened.
     *
     * @return whether the thread was interrupted while waiting
     */
    public boolean close(Bound previous) {
        end("closed");
        closing();
        List<Task<Void>> all;
        lock.lock();
        try {
            all = new ArrayList<>(channels);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Task<Void> channel : all) {
            interrupted |= channel.awaitWorkEnded();
        }
        Bound.set(previous);
        return interrupted;
    }

    /** The connections finish what runs, and end. */
    private void closing() {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reads could not start: what waits fails with {@code error}, and so does what comes later. */
    private void fail(Throwable error) {
        List<Queued<?>> waiting;
        lock.lock();
        try {
            broken = error;
            waiting = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        for (Queued<?> queued : waiting) {
            if (queued.take()) {
                queued.task.fail(error);
                queued.ended();
            }
        }
    }

    /** One connection of the scope: a lane's, in a read-only repeatable-read transaction, serving reads till the end. */
    private final class Channel implements Operation<Void> {
        private final boolean leader;
        private final Map<DSLContext, DSLContext> dsls = new IdentityHashMap<>();

        Channel(boolean leader) {
            this.leader = leader;
        }

        @Override
        public String name() {
            return dispatcher.database() + ".consistentReads";
        }

        @Override
        public boolean readOnly() {
            return true;
        }

        @Override
        public boolean writes() {
            return false;
        }

        @Override
        public boolean retriable() {
            return false;
        }

        @Override
        public Void execute(DSLContext dsl) {
            throw new UnsupportedOperationException("a consistent scope's connection runs on a lane's session");
        }

        @Override
        public Void run(Session lane) throws Exception {
            StatementGuard.current().onStop(ConsistentReads.this::closing); // the database is closing
            Connection connection = lane.connection();
            int isolation = connection.getTransactionIsolation();
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                if (dispatcher.dialect().family() == SQLDialect.POSTGRES) {
                    PgTransactions.begin(connection); // every read inside, none before the snapshot by a lost BEGIN
                }
                if (!begin(connection)) {
                    return null;
                }
                serve(lane);
                return null;
            } finally {
                try {
                    connection.rollback();
                    connection.setReadOnly(false);
                    connection.setTransactionIsolation(isolation);
                    connection.setAutoCommit(true);
                } catch (SQLException | RuntimeException e) {
                    lane.discard();
                }
                lock.lock();
                try {
                    open--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        /**
         * Opens the snapshot: the leader exports it (PostgreSQL), the others import it. False if this connection is
         * not needed after all (the scope closed first, or the leader could not export it).
         */
        private boolean begin(Connection connection) throws SQLException, InterruptedException {
            if (!parallel) {
                return true; // the transaction's first read takes the snapshot
            }
            if (leader) {
                try (java.sql.Statement statement = connection.createStatement();
                        ResultSet exported = statement.executeQuery("select pg_export_snapshot()")) {
                    exported.next();
                    String id = exported.getString(1);
                    lock.lock();
                    try {
                        snapshot = id;
                        if (!queue.isEmpty()) {
                            wake(); // reads that queued up meanwhile may use more connections now
                        }
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    return true;
                } catch (SQLException | RuntimeException e) {
                    fail(e);
                    throw e;
                }
            }
            String id;
            lock.lock();
            try {
                while (snapshot == null && !closing && broken == null) {
                    changed.await();
                }
                if (closing || broken != null) {
                    return false;
                }
                id = snapshot;
                importing++; // the leader keeps its transaction open until this import is done
            } finally {
                lock.unlock();
            }
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("set transaction snapshot '" + id.replace("'", "''") + "'");
            } finally {
                lock.lock();
                try {
                    importing--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            return true;
        }

        /** Runs reads until the scope closes. */
        private void serve(Session lane) throws SQLException {
            idleLoop:
            while (true) {
                Queued<?> next;
                lock.lock();
                try {
                    idle++;
                    try {
                        while ((next = take()) == null) {
                            if (closing && (!leader || importing == 0)) {
                                break idleLoop; // the leader's snapshot lives as long as its transaction
                            }
                            changed.awaitUninterruptibly();
                        }
                    } finally {
                        idle--;
                    }
                } finally {
                    lock.unlock();
                }
                Queued<?> taken = next;
                ConsistentReads.this.run(taken, () -> dsl(lane, taken.operation.table()), bound);
            }
        }

        private DSLContext dsl(Session lane, String table) throws SQLException {
            return dsls.computeIfAbsent(lane.dsl(table),
                    base -> base.configuration().deriveAppending(StatementGuard.LISTENER).dsl());
        }
    }

}
