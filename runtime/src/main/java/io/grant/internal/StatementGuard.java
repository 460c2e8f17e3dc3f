package io.grant.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to stop the work of one operation without breaking its connection.
 *
 * <p>While a statement of the work runs, {@link #stop()} calls {@link Statement#cancel()} and never
 * interrupts the thread: on JDK 25 an interrupt during a socket read closes the socket and leaves the query
 * running on the server. The cancel is repeated while that same statement is still attached, because some
 * drivers drop a cancel that arrives before the statement reached the server. Between statements, the thread
 * is interrupted only while the work said it may be ({@link #interruptible}), e.g. while it waits for a permit
 * or runs user code. A statement that would start after {@code stop()} is refused.
 *
 * <p>Statements are seen through jOOQ: the executor's own listener, and {@link #LISTENER} on
 * {@code Grant.dsl()}, which finds the guard of the work running on the current thread ({@link #runAs}), so
 * that {@code AsyncResult.supply(..., () -> db.dsl()...)} is cancelled on the server too. Not API.
 */
public final class StatementGuard {

    private static final Logger LOG = LoggerFactory.getLogger(StatementGuard.class);
    private static final ThreadLocal<StatementGuard> CURRENT = new ThreadLocal<>();
    private static final long RECANCEL_INTERVAL_MS = 100;
    private static final int RECANCEL_ATTEMPTS = 50;

    /** Attaches the statements of {@code Grant.dsl()} to the guard of the work running on this thread. */
    public static final ExecuteListener LISTENER = new Ambient();

    private final String operation;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition detached = lock.newCondition();
    private Thread thread;
    private volatile Statement statement;
    private boolean interruptible;
    private boolean stopping;
    private volatile boolean abandoned;
    private Runnable onStop;

    /** A guard for the work of {@code operation}, named in log messages. */
    public StatementGuard(String operation) {
        this.operation = operation;
    }

    /** The guard of the work running on this thread ({@link #runAs}), or {@code null}. */
    public static StatementGuard current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code action} when {@link #stop()} is called (at once if it was): how work that runs statements on other
     * threads (a transaction's operations) is stopped with it. One action; a later one replaces it.
     */
    public void onStop(Runnable action) {
        boolean now;
        lock.lock();
        try {
            onStop = action;
            now = stopping;
        } finally {
            lock.unlock();
        }
        if (now && action != null) {
            action.run();
        }
    }

    /** The thread that does the work; set before it starts. */
    public void bind(Thread worker) {
        this.thread = worker;
    }

    /**
     * Says whether {@link #stop()} may interrupt the thread while no statement runs; returns whether the work
     * is being stopped. Turning it off also clears an interrupt that {@code stop()} may have sent meanwhile.
     */
    public boolean interruptible(boolean allowed) {
        boolean stopped;
        lock.lock();
        try {
            interruptible = allowed;
            stopped = stopping;
        } finally {
            lock.unlock();
        }
        if (!allowed) {
            Thread.interrupted(); // a stop() that raced with us may have interrupted; we know it from `stopped`
        }
        return stopped;
    }

    /** Whether a statement is running now. */
    public boolean hasStatement() {
        return statement != null;
    }

    /**
     * The connection of the work is being aborted because its statement did not stop in time: from now on
     * {@link #detach()} does not wait for a cancel still in flight (a black-holed cancel can block for seconds), since
     * nothing runs on that connection any more, and no statement may start.
     */
    public void abandon() {
        abandoned = true;
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /** A statement of the work is about to run; refused if the work is being stopped. */
    public void attach(Statement running) {
        lock.lock();
        try {
            if (stopping || abandoned) {
                throw new CancellationException("'" + operation + "' was cancelled");
            }
            statement = running;
        } finally {
            lock.unlock();
        }
    }

    /** The statement of the work has ended. */
    public void detach() {
        if (abandoned) {
            return; // its connection was aborted: no later statement can follow on it, so no cancel can stray
        }
        lock.lock();
        try {
            if (statement != null) {
                statement = null;
                detached.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the work: cancels its running statement, or interrupts it where allowed. From any thread, and never
     * blocking: cancelling a statement talks to the server (on PostgreSQL over a new TCP connection), so that
     * happens on a stopper thread ({@link Timers#now}). Until the cancel call returned, the statement stays
     * attached ({@link #detach()} waits for it), so the cancel can never reach a later statement on the same
     * connection.
     */
    public void stop() {
        Statement running;
        Runnable action;
        lock.lock();
        try {
            if (stopping) {
                return;
            }
            stopping = true;
            running = statement;
            action = onStop;
            if (running == null && interruptible && thread != null) {
                thread.interrupt(); // otherwise attach() refuses the next statement
            }
        } finally {
            lock.unlock();
        }
        if (running != null) {
            Timers.now(() -> keepCancelling(running));
        }
        if (action != null) {
            action.run();
        }
    }

    private void keepCancelling(Statement running) {
        lock.lock();
        try {
            for (int attempt = 0; attempt < RECANCEL_ATTEMPTS && statement == running; attempt++) {
                cancel(running);
                if (detached.await(RECANCEL_INTERVAL_MS, TimeUnit.MILLISECONDS) || statement != running) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void cancel(Statement running) {
        try {
            running.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Cancelling the statement of '{}' failed: {}", operation, e.toString());
        }
    }

    /** Runs {@code work} with this guard as the current thread's, for {@link #LISTENER}. */
    public <T> T runAs(java.util.concurrent.Callable<T> work) throws Exception {
        StatementGuard previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** A jOOQ listener that attaches every statement it sees to {@code guard}. */
    public static ExecuteListener listenerFor(StatementGuard guard) {
        return new Fixed(guard);
    }

    @SuppressWarnings("serial") // ExecuteListener is Serializable by inheritance; these are never serialized
    private abstract static class Attaching implements ExecuteListener {
        private static final long serialVersionUID = 1L;

        abstract StatementGuard guard();

        @Override
        public void executeStart(ExecuteContext ctx) {
            StatementGuard guard = guard();
            if (guard != null) {
                guard.attach(ctx.statement());
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
            StatementGuard guard = guard();
            if (guard != null) {
                guard.detach();
            }
        }
    }

    @SuppressWarnings("serial")
    private static final class Fixed extends Attaching {
        private static final long serialVersionUID = 1L;
        private final StatementGuard guard;

        Fixed(StatementGuard guard) {
            this.guard = guard;
        }

        @Override
        StatementGuard guard() {
            return guard;
        }
    }

    @SuppressWarnings("serial")
    private static final class Ambient extends Attaching {
        private static final long serialVersionUID = 1L;

        @Override
        StatementGuard guard() {
            return CURRENT.get();
        }
    }
}
