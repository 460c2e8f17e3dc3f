package io.grant.internal;

import io.grant.async.AsyncResult;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
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
 *       statement runs, calls {@link java.sql.Statement#cancel()} (see {@link StatementGuard}), and never interrupts the thread, which on JDK 25
 *       would close the socket and leave the query running on the server. The cancel is issued again
 *       while the same statement is still attached, for drivers that ignore a cancel that comes before the
 *       statement reached the server.
 * </ol>
 *
 * <p>Not API.
 */
public final class DbExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DbExecutor.class);

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
        StatementGuard guard = new StatementGuard(operation.name());
        Thread thread = Thread.ofVirtual().name(operation.name()).unstarted(new Run<>(task, operation, guard));
        guard.bind(thread);
        task.onCancel(guard::stop);
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

    /** The life of one operation on its virtual thread. */
    private final class Run<R> implements Runnable {

        private final Task<R> task;
        private final Operation<R> operation;
        private final StatementGuard guard;

        Run(Task<R> task, Operation<R> operation, StatementGuard guard) {
            this.task = task;
            this.operation = operation;
            this.guard = guard;
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

        /**
         * Takes a permit, the only wait a cancel may interrupt; false (holding none) if the operation was
         * cancelled meanwhile.
         */
        private boolean admit() throws InterruptedException {
            if (guard.interruptible(true)) {
                guard.interruptible(false);
                return false;
            }
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                if (guard.interruptible(false)) {
                    return false;
                }
                throw e;
            }
            if (guard.interruptible(false)) {
                permits.release();
                return false;
            }
            return true;
        }

        private R execute() throws Exception {
            try (Connection connection = dataSource.getConnection()) {
                Configuration derived = configuration.derive(new DefaultConnectionProvider(connection));
                derived.set(StatementGuard.listenerFor(guard));
                String table = operation.table();
                if (h2Names != null && table != null && !SqlNames.needsQuotes(table)
                        && h2Names.createdQuoted(connection, table)) {
                    derived.set(quotedSettings);
                }
                DSLContext dsl = derived.dsl();
                metrics.sent(1, 1);
                return guard.runAs(() -> operation.execute(dsl));
            }
        }
    }
}
