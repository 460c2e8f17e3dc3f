package io.grant.async;

import io.grant.internal.GrantAccess;
import io.grant.internal.Launcher;
import io.grant.internal.MetricsRecorder;
import io.grant.internal.Task;
import io.grant.internal.ThreadContext;
import io.grant.internal.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Structured concurrency for results: the semantics of the JDK's {@code StructuredTaskScope} with its
 * all-successful-or-throw policy, without preview APIs.
 *
 * <ul>
 *   <li>The thread that opened the scope is its owner; only it may {@link #fork}, {@link #join} and
 *       {@link #close} ({@link WrongThreadException} otherwise).
 *   <li>Every result created on the owner thread while the scope is open is owned by it:
 *       {@code UserAsync.count()} inside the block needs no registration. Results created on other threads are not.
 *       Scopes nest: the innermost open scope owns what is created.
 *   <li>The first owned result that fails, and whose failure nobody handled, cancels all the others;
 *       {@link #join()} throws its error as an {@link AsyncExecutionException} carrying that result's
 *       {@link AsyncResult#operation()}. A failure is handled when the owner thread observed the result
 *       ({@code recover}, {@code onError}, {@code map}, {@code flatMap}, {@code await}, {@code cancel},
 *       {@code toCompletableFuture}, or passing it to {@code AsyncResult.all}) before it next waited on Grant; as
 *       with a forked subtask that catches its own exception, such a failure does not fail the scope. Whether a
 *       failure was handled is judged when the owner waits ({@code join}, {@code await}, ...), never earlier, so the
 *       answer does not depend on how fast the failure came.
 *   <li>A deadline ({@link #open(Duration)}) starts when the scope opens; when it passes, every owned result is
 *       cancelled and {@code join()} throws {@link AsyncTimeoutException}.
 *   <li>{@link #close()} cancels whatever is unfinished and always waits until its work has ended (a cancelled
 *       statement has stopped): no work outlives the scope. Closing a scope while a scope opened inside it is still
 *       open closes the inner one first, then throws.
 * </ul>
 *
 * <pre>{@code
 * try (AsyncScope scope = AsyncScope.open(Duration.ofSeconds(2))) {
 *     AsyncResult<Long> users = UserAsync.count();
 *     AsyncResult<BigDecimal> total = OrderAsync.sum(OrderAsync.TOTAL);
 *     scope.join();
 *     report(users.await(), total.await());
 * }
 * }</pre>
 */
public final class AsyncScope implements AutoCloseable {

    private final Thread owner = Thread.currentThread();
    private final ThreadContext context = ThreadContext.current();
    private final Duration deadline;
    private final Node node = new Node();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Task<?>> owned = new ArrayList<>();
    private final ConcurrentLinkedQueue<Task<?>> failures = new ConcurrentLinkedQueue<>();
    private final ScheduledFuture<?> deadlineTimer;
    private int unsettled;
    private Task<?> firstFailure;
    private volatile boolean stopping;
    private boolean stopped;
    private volatile boolean deadlinePassed;
    private boolean joined;
    private boolean closed;

    private final io.grant.internal.ConsistentReads consistent;
    private final io.grant.internal.Bound boundBefore;

    private AsyncScope(Duration deadline, io.grant.Grant consistentOn) {
        this.deadline = deadline;
        this.boundBefore = io.grant.internal.Bound.current();
        this.consistent = consistentOn == null ? null
                : io.grant.internal.ConsistentReads.open(GrantAccess.get().dispatcher(consistentOn));
        context.push(node);
        this.deadlineTimer = deadline == null ? null : Timers.after(deadline, this::deadlinePassed);
    }

    /** Opens a scope owned by the current thread, with no deadline. */
    public static AsyncScope open() {
        return new AsyncScope(null, null);
    }

    /** Opens a scope owned by the current thread that cancels everything once {@code deadline} has passed. */
    public static AsyncScope open(Duration deadline) {
        return new AsyncScope(positive(deadline), null);
    }

    /**
     * Opens a scope owned by the current thread in which every read of {@code db} created inside (on this thread, or in
     * its forks) sees one snapshot of the database, as if the database stood still while they ran. On PostgreSQL they
     * still run in parallel, on up to half of {@code db}'s connections: one read-only repeatable-read transaction
     * exports its snapshot and the others import it. Where a database cannot share a snapshot (MariaDB, H2) they run
     * one after another in one read-only repeatable-read transaction: consistent, not parallel. {@link #parallel()}
     * says which. A write of {@code db} created inside fails at once with an {@link IllegalStateException}; operations
     * on other databases run as usual. The connections go back to the pool when the scope closes.
     *
     * <pre>{@code
     * try (AsyncScope scope = AsyncScope.openConsistent(db)) {
     *     AsyncResult<BigDecimal> assets = AccountAsync.where(AccountAsync.KIND.eq("asset")).sum(AccountAsync.BALANCE);
     *     AsyncResult<BigDecimal> debts = AccountAsync.where(AccountAsync.KIND.eq("debt")).sum(AccountAsync.BALANCE);
     *     scope.join();   // both sums saw the same database, whatever was committed meanwhile
     * }
     * }</pre>
     *
     * @throws IllegalStateException if the current thread is inside a transaction of {@code db} (whose operations
     *     already share one connection)
     */
    public static AsyncScope openConsistent(io.grant.Grant db) {
        Objects.requireNonNull(db, "db");
        return new AsyncScope(null, db);
    }

    /** {@link #openConsistent(io.grant.Grant)} with a deadline, like {@link #open(Duration)}. */
    public static AsyncScope openConsistent(io.grant.Grant db, Duration deadline) {
        Objects.requireNonNull(db, "db");
        return new AsyncScope(positive(deadline), db);
    }

    private static Duration positive(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        return deadline;
    }

    /**
     * Whether the operations of this scope run in parallel: true for a scope opened with {@link #open()}, and for a
     * consistent scope on PostgreSQL, whose reads share one snapshot on several connections; false for a consistent
     * scope on a database that cannot share a snapshot (MariaDB, H2), whose reads run one after another in one
     * transaction.
     */
    public boolean parallel() {
        return consistent == null || consistent.parallel();
    }

    /**
     * Runs {@code work} on a new virtual thread, owned by this scope.
     *
     * @throws WrongThreadException if called from a thread other than the owner
     * @throws IllegalStateException if the scope was already joined or closed, or a scope opened inside it is open
     */
    public <T> AsyncResult<T> fork(String operation, Callable<T> work) {
        checkOwner("fork");
        if (closed || joined) {
            throw new IllegalStateException("Cannot fork '" + operation + "': this AsyncScope was already " + (closed
                    ? "closed; fork inside its try-with-resources block, before join()"
                    : "joined; fork before join()"));
        }
        if (context.innermostScope() != node) {
            throw new IllegalStateException("Cannot fork '" + operation
                    + "' into an outer AsyncScope while an inner one is open; fork into the inner scope");
        }
        return Launcher.supply(operation, MetricsRecorder.GLOBAL, work);
    }

    /**
     * Waits until every owned result succeeded, one failed (and nobody handled it), or the deadline passed.
     *
     * @throws AsyncExecutionException the first unhandled failure, with the failed result's operation (the others
     *     have been cancelled)
     * @throws AsyncTimeoutException if the deadline passed first (everything has been cancelled)
     * @throws WrongThreadException if called from a thread other than the owner
     * @throws IllegalStateException if called twice, or after {@link #close()}
     */
    public void join() {
        checkOwner("join");
        if (closed) {
            throw new IllegalStateException("join() after close(): this AsyncScope is closed");
        }
        if (joined) {
            throw new IllegalStateException("join() was already called on this AsyncScope");
        }
        joined = true;
        context.enterWait();
        try {
            lock.lock();
            try {
                while (unsettled > 0 && !stopped) {
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException("AsyncScope.join", e);
        } finally {
            context.exitWait();
        }
        judgeFailures();
        Task<?> failed = failed();
        if (failed != null) {
            failed.markObserved();
            throw new AsyncExecutionException(failed.operation(), failed.failure());
        }
        List<String> unfinished = unfinished();
        if (deadlinePassed && !unfinished.isEmpty()) {
            String message = "AsyncScope deadline of " + AsyncTimeoutException.format(deadline) + " passed with "
                    + unfinished.size() + " of " + ownedCount() + " results unfinished (now cancelled): "
                    + String.join(", ", unfinished);
            throw new AsyncTimeoutException("AsyncScope", message, deadline);
        }
    }

    /**
     * Cancels every owned result that is not done and waits until the work of all of them has ended. Safe to call
     * more than once.
     *
     * @throws WrongThreadException if called from a thread other than the owner
     * @throws IllegalStateException if a scope opened inside this one was still open: it is closed first (its work
     *     cancelled and ended), then this one, and then this is thrown
     * @throws AsyncExecutionException caused by an {@link InterruptedException} if the thread was interrupted while
     *     waiting; it waited until the work had ended all the same, and its interrupt flag is set again
     */
    @Override
    public void close() {
        checkOwner("close");
        if (closed) {
            return;
        }
        boolean interrupted = false;
        boolean nested = false;
        while (context.innermostScope() != node && context.innermostScope() instanceof Node inner) {
            nested = true;
            interrupted |= inner.scope().shutDown();
        }
        interrupted |= shutDown();
        if (nested) {
            throw new IllegalStateException("AsyncScope closed while an inner AsyncScope was still open; the inner "
                    + "scope was closed first. Close scopes in the reverse order of opening (try-with-resources does)");
        }
        if (interrupted) {
            throw new AsyncExecutionException("AsyncScope.close", "AsyncScope.close() was interrupted while waiting "
                    + "for its work to end; it waited until the work had ended", new InterruptedException());
        }
    }

    /** Closes this scope: cancels what is unfinished, waits for all work to end, leaves the thread; true if interrupted. */
    private boolean shutDown() {
        closed = true;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        stop();
        boolean interrupted = false;
        for (Task<?> task : snapshot()) {
            interrupted |= task.awaitWorkEnded();
        }
        if (consistent != null) {
            interrupted |= consistent.close(boundBefore);
        }
        context.pop(node);
        return interrupted;
    }

    // ---------------------------------------------------------------- owned results

    private void adopt(Task<?> task) {
        lock.lock();
        try {
            owned.add(task);
            unsettled++;
        } finally {
            lock.unlock();
        }
        if (stopping) {
            task.cancel();
        }
        task.whenSettled(() -> settled(task));
    }

    /**
     * An owned result settled. A failure goes to the queue of failures to judge, judged at once if the owner is
     * waiting; only then is the result counted as settled, so that a {@code join()} woken by the count finds it.
     */
    private void settled(Task<?> task) {
        if (task.state() != AsyncResult.State.SUCCESS && !stopping && !task.isObserved()) {
            failures.add(task);
            if (context.isWaiting()) {
                judgeFailures();
            }
        }
        lock.lock();
        try {
            unsettled--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Acts on every queued failure that is still unhandled: the first one fails the scope and stops it. */
    private void judgeFailures() {
        Task<?> task;
        while ((task = failures.poll()) != null) {
            if (stopping || task.isObserved()) {
                continue;
            }
            lock.lock();
            try {
                if (firstFailure == null) {
                    firstFailure = task;
                }
            } finally {
                lock.unlock();
            }
            stop();
        }
    }

    private void deadlinePassed() {
        if (stopping) {
            return;
        }
        deadlinePassed = true;
        stop();
    }

    /**
     * Stops the scope: from now on every owned result, present or future, is cancelled, and join() wakes once every
     * present one is.
     */
    private void stop() {
        stopping = true;
        for (Task<?> task : snapshot()) {
            task.cancel();
        }
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private List<Task<?>> snapshot() {
        lock.lock();
        try {
            return List.copyOf(owned);
        } finally {
            lock.unlock();
        }
    }

    private Task<?> failed() {
        lock.lock();
        try {
            return firstFailure;
        } finally {
            lock.unlock();
        }
    }

    private int ownedCount() {
        lock.lock();
        try {
            return owned.size();
        } finally {
            lock.unlock();
        }
    }

    /** The operations of the owned results that did not succeed. */
    private List<String> unfinished() {
        return snapshot().stream().filter(task -> task.state() != AsyncResult.State.SUCCESS).map(Task::operation)
                .toList();
    }

    private void checkOwner(String method) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("AsyncScope." + method + "() must be called by the thread that opened the scope ("
                    + owner + "), not " + Thread.currentThread());
        }
    }

    /** This scope as its owner thread sees it. */
    private final class Node extends ThreadContext.ScopeNode {
        AsyncScope scope() {
            return AsyncScope.this;
        }

        @Override
        protected void adopt(Task<?> task) {
            AsyncScope.this.adopt(task);
        }

        @Override
        protected void ownerWaits() {
            judgeFailures();
        }
    }
}
