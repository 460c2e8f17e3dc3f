package io.grant.async;

import io.grant.internal.Task;
import io.grant.internal.TaskOwner;
import io.grant.internal.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Structured concurrency for results: the semantics of the JDK's {@code StructuredTaskScope} with its
 * all-successful-or-throw policy, without preview APIs.
 *
 * <ul>
 *   <li>The thread that opened the scope is its owner; only it may {@link #fork}, {@link #join} and
 *       {@link #close} ({@link WrongThreadException} otherwise).
 *   <li>Every result created on the owner thread while the scope is open is owned by it:
 *       {@code UserAsync.count()} inside the block needs no registration. Results created on other threads
 *       are not. Scopes nest: the innermost open scope owns what is created.
 *   <li>The first owned result that fails cancels all the others; {@link #join()} throws its error as an
 *       {@link AsyncExecutionException} carrying that result's {@link AsyncResult#operation()}.
 *   <li>A deadline ({@link #open(Duration)}) starts when the scope opens; when it passes, every owned result
 *       is cancelled and {@code join()} throws {@link AsyncTimeoutException}.
 *   <li>{@link #close()} cancels whatever is unfinished and always waits until its work has ended (a
 *       cancelled statement has stopped): no work outlives the scope.
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
    private final Duration deadline;
    private final List<Task<?>> owned = new ArrayList<>();
    private final AtomicReference<Task<?>> firstFailure = new AtomicReference<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final TaskOwner adopter = this::adopt;
    private final TaskOwner previous;
    private final ScheduledFuture<?> deadlineTimer;
    private volatile boolean deadlinePassed;
    private volatile boolean stopping;
    private boolean joined;
    private boolean closed;

    private AsyncScope(Duration deadline) {
        this.deadline = deadline;
        this.previous = TaskOwner.install(adopter);
        this.deadlineTimer = deadline == null ? null : Timers.after(deadline, this::deadlinePassed);
    }

    /** Opens a scope owned by the current thread, with no deadline. */
    public static AsyncScope open() {
        return new AsyncScope(null);
    }

    /** Opens a scope owned by the current thread that cancels everything once {@code deadline} has passed. */
    public static AsyncScope open(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        return new AsyncScope(deadline);
    }

    /**
     * Runs {@code work} on a new virtual thread, owned by this scope.
     *
     * @throws WrongThreadException if called from a thread other than the owner
     * @throws IllegalStateException if the scope was already joined or closed
     */
    public <T> AsyncResult<T> fork(String operation, Callable<T> work) {
        checkOwner("fork");
        if (closed || joined) {
            throw new IllegalStateException("Cannot fork '" + operation + "': this AsyncScope was already " + (closed
                    ? "closed; fork inside its try-with-resources block, before join()"
                    : "joined; fork before join()"));
        }
        if (TaskOwner.current() != adopter) {
            throw new IllegalStateException("Cannot fork '" + operation
                    + "' into an outer AsyncScope while an inner one is open; fork into the inner scope");
        }
        return AsyncResult.supply(operation, work);
    }

    /**
     * Waits until every owned result succeeded, one failed, or the deadline passed.
     *
     * @throws AsyncExecutionException the first failure, with the failed result's operation (the others
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
        CompletableFuture<?>[] all = new CompletableFuture<?>[owned.size()];
        synchronized (owned) {
            for (int i = 0; i < all.length; i++) {
                all[i] = owned.get(i).settled();
            }
        }
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(all), stopped).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException("AsyncScope.join", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: nothing here completes exceptionally", e);
        }
        Task<?> failed = firstFailure.get();
        if (failed != null) {
            failed.markObserved();
            Throwable error = failed.failure();
            if (error instanceof AsyncTimeoutException timeout) {
                throw new AsyncExecutionException(failed.operation(), timeout);
            }
            throw new AsyncExecutionException(failed.operation(), error);
        }
        List<String> unfinished = unfinished();
        if (deadlinePassed && !unfinished.isEmpty()) {
            String message = "AsyncScope deadline of " + AsyncTimeoutException.format(deadline) + " passed with "
                    + unfinished.size() + " of " + owned.size() + " results unfinished (now cancelled): "
                    + String.join(", ", unfinished);
            throw new AsyncTimeoutException("AsyncScope", message, deadline);
        }
    }

    /** The operations of the owned results that did not succeed. */
    private List<String> unfinished() {
        synchronized (owned) {
            return owned.stream().filter(task -> task.state() != AsyncResult.State.SUCCESS).map(Task::operation)
                    .toList();
        }
    }

    /**
     * Cancels every owned result that is not done and waits until the work of all of them has ended. Safe to
     * call more than once.
     *
     * @throws WrongThreadException if called from a thread other than the owner
     * @throws IllegalStateException if an inner scope opened after this one is still open (it is closed
     *     first, then this one)
     * @throws AsyncExecutionException caused by an {@link InterruptedException} if the thread was interrupted
     *     while waiting; it waited until the work had ended all the same, and its interrupt flag is set again
     */
    @Override
    public void close() {
        checkOwner("close");
        if (closed) {
            return;
        }
        closed = true;
        boolean nestedOpen = TaskOwner.current() != adopter;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
        }
        stop();
        List<Task<?>> snapshot;
        synchronized (owned) {
            snapshot = List.copyOf(owned);
        }
        boolean interrupted = false;
        for (Task<?> task : snapshot) {
            interrupted |= task.awaitWorkEnded();
        }
        TaskOwner.restore(previous);
        if (nestedOpen) {
            throw new IllegalStateException("AsyncScope closed while an inner AsyncScope was still open; "
                    + "close scopes in the reverse order of opening (try-with-resources does)");
        }
        if (interrupted) {
            throw new AsyncExecutionException("AsyncScope.close", "AsyncScope.close() was interrupted while waiting "
                    + "for its work to end; it waited until the work had ended", new InterruptedException());
        }
    }

    private void adopt(Task<?> task) {
        synchronized (owned) {
            owned.add(task);
        }
        if (stopping) {
            task.cancel();
            return;
        }
        task.whenSettled(() -> settled(task));
    }

    private void settled(Task<?> task) {
        if (task.state() == AsyncResult.State.SUCCESS || stopping) {
            return;
        }
        if (firstFailure.compareAndSet(null, task)) {
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

    /** Stops the scope: from now on every owned result, present or future, is cancelled. */
    private void stop() {
        stopping = true;
        List<Task<?>> snapshot;
        synchronized (owned) {
            snapshot = List.copyOf(owned);
        }
        for (Task<?> task : snapshot) {
            task.cancel();
        }
        stopped.complete(null); // join() wakes only once everything is cancelled
    }

    private void checkOwner(String method) {
        if (Thread.currentThread() != owner) {
            throw new WrongThreadException("AsyncScope." + method + "() must be called by the thread that opened the scope ("
                    + owner + "), not " + Thread.currentThread());
        }
    }
}
