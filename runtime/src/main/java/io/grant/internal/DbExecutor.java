package io.grant.internal;

import io.grant.async.AsyncResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operations of one database. This is the single place where permits, connections, deadlines,
 * cancellation and metrics are handled.
 *
 * <p>Guarantees, for every operation submitted:
 * <ol>
 *   <li>It runs on its own virtual thread, started by {@link #submit}.
 *   <li>It takes a permit of a fair semaphore of {@code maxConcurrency} <em>before</em> it asks the pool for
 *       a connection, so waiting happens here, in order, and never in the pool (whose timeout would fail
 *       it). The permit and the connection are given back in {@code finally}, before the outcome is
 *       published.
 *   <li>Cancelling it (or its deadline passing) while it waits for a permit interrupts the wait; while a
 *       statement runs, calls {@link Statement#cancel()}, and never interrupts the thread, which on JDK 25
 *       would close the socket and leave the query running on the server. The cancel is issued again
 *       while the same statement is still attached, for drivers that ignore a cancel that comes before the
 *       statement reached the server.
 * </ol>
 *
 * <p>Not API.
 */
public final class DbExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DbExecutor.class);
    private static final long RECANCEL_INTERVAL_MS = 100;
    private static final int RECANCEL_ATTEMPTS = 50;

    private final String database;
    private final DataSource dataSource;
    private final Configuration configuration;
    private final Semaphore permits;
    private final MetricsRecorder metrics;
    private final Duration defaultTimeout;
    private final H2Names h2Names;
    private final Settings quotedSettings;
    private volatile boolean closed;

    /**
     * @param database the database's name, for messages
     * @param dataSource where connections come from
     * @param configuration the jOOQ configuration (dialect, settings) every operation derives from
     * @param maxConcurrency how many operations may hold a connection at once
     * @param metrics where operations are counted
     * @param defaultTimeout the time limit of every operation, or {@code null} for none
     */
    public DbExecutor(String database, DataSource dataSource, Configuration configuration, int maxConcurrency,
            MetricsRecorder metrics, Duration defaultTimeout) {
        this.database = database;
        this.dataSource = dataSource;
        this.configuration = configuration;
        this.permits = new Semaphore(maxConcurrency, true);
        this.metrics = metrics;
        this.defaultTimeout = defaultTimeout;
        this.h2Names = configuration.dialect().family() == SQLDialect.H2 ? new H2Names() : null;
        this.quotedSettings = ((Settings) configuration.settings().clone()).withRenderQuotedNames(RenderQuotedNames.ALWAYS);
    }

    /** Starts {@code operation} and returns its result at once. */
    public <R> AsyncResult<R> submit(Operation<R> operation) {
        if (closed) {
            throw new IllegalStateException("Cannot run '" + operation.name() + "': database '" + database
                    + "' is closed");
        }
        Task<R> task = new Task<>(operation.name(), metrics);
        Run<R> run = new Run<>(task, operation);
        task.onCancel(run::stop);
        Thread thread = Thread.ofVirtual().name(operation.name()).unstarted(run);
        run.thread = thread;
        if (defaultTimeout != null) {
            Duration limit = defaultTimeout;
            ScheduledFuture<?> timer = Timers.after(limit, () -> task.timeout(limit));
            task.whenSettled(() -> timer.cancel(false));
        }
        thread.start();
        return task;
    }

    /** Operations waiting for a permit right now. */
    public int waiting() {
        return permits.getQueueLength();
    }

    /** Refuses new operations; running ones finish. */
    public void close() {
        closed = true;
    }

    private enum Phase { QUEUED, ADMISSION, CONNECTING, EXECUTING }

    /** The life of one operation on its virtual thread; also the jOOQ listener that sees its statements. */
    @SuppressWarnings("serial") // ExecuteListener is Serializable by inheritance; a Run is never serialized
    private final class Run<R> implements Runnable, ExecuteListener {

        private static final long serialVersionUID = 1L;

        private final Task<R> task;
        private final Operation<R> operation;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition detached = lock.newCondition();
        private Thread thread;
        private Phase phase = Phase.QUEUED;
        private Statement statement;
        private boolean stopping;

        Run(Task<R> task, Operation<R> operation) {
            this.task = task;
            this.operation = operation;
        }

        @Override
        public void run() {
            try {
                if (!admit()) {
                    return;
                }
                R value;
                try {
                    value = execute();
                } finally {
                    permits.release();
                }
                task.complete(value);
            } catch (Throwable e) {
                if (!task.isDone()) {
                    task.fail(e);
                } else {
                    LOG.debug("'{}' ended after it was cancelled: {}", operation.name(), e.toString());
                }
            } finally {
                task.ended();
            }
        }

        /** Takes a permit; false (holding none) if the operation was cancelled meanwhile. */
        private boolean admit() throws InterruptedException {
            lock.lock();
            try {
                if (stopping) {
                    return false;
                }
                phase = Phase.ADMISSION;
            } finally {
                lock.unlock();
            }
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                if (isStopping()) {
                    Thread.interrupted();
                    return false;
                }
                throw e;
            }
            boolean cancelled;
            lock.lock();
            try {
                phase = Phase.CONNECTING;
                cancelled = stopping;
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // a stop() that raced with acquire() may have interrupted us; we know it now
            if (cancelled) {
                permits.release();
                return false;
            }
            return true;
        }

        private R execute() throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                Configuration derived = configuration.derive(new DefaultConnectionProvider(connection));
                derived.set(this);
                String table = operation.table();
                if (h2Names != null && table != null && !SqlNames.needsQuotes(table)
                        && h2Names.createdQuoted(connection, table)) {
                    derived.set(quotedSettings);
                }
                return operation.execute(derived.dsl());
            }
        }

        private boolean isStopping() {
            lock.lock();
            try {
                return stopping;
            } finally {
                lock.unlock();
            }
        }

        /** Called by the task on cancel or timeout, from any thread. */
        void stop() {
            Statement running;
            lock.lock();
            try {
                stopping = true;
                if (phase == Phase.ADMISSION) {
                    thread.interrupt();
                    return;
                }
                if (phase != Phase.EXECUTING) {
                    return; // executeStart() will see `stopping` before the statement is sent
                }
                running = statement;
                cancelStatement(running);
            } finally {
                lock.unlock();
            }
            Timers.now(() -> keepCancelling(running));
        }

        /**
         * Some drivers drop a cancel that arrives after the statement was created but before it reached
         * the server; repeat it while that same statement is still running.
         */
        private void keepCancelling(Statement running) {
            lock.lock();
            try {
                for (int attempt = 0; attempt < RECANCEL_ATTEMPTS && statement == running; attempt++) {
                    if (detached.await(RECANCEL_INTERVAL_MS, TimeUnit.MILLISECONDS) || statement != running) {
                        return;
                    }
                    cancelStatement(running);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }

        private void cancelStatement(Statement running) {
            try {
                running.cancel();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("Cancelling the statement of '{}' failed: {}", operation.name(), e.toString());
            }
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            lock.lock();
            try {
                if (stopping) {
                    throw new CancellationException("'" + operation.name() + "' was cancelled");
                }
                statement = ctx.statement();
                phase = Phase.EXECUTING;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void executeEnd(ExecuteContext ctx) {
            detach();
        }

        @Override
        public void exception(ExecuteContext ctx) {
            detach();
        }

        @Override
        public void end(ExecuteContext ctx) {
            detach();
        }

        private void detach() {
            lock.lock();
            try {
                if (statement != null) {
                    statement = null;
                    phase = Phase.CONNECTING;
                    detached.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
