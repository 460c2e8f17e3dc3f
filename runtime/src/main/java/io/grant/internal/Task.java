package io.grant.internal;

import io.grant.async.AsyncException;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one implementation of {@link AsyncResult}: an outcome and its combinators. Who runs the work is someone
 * else's business ({@link Launcher} for {@code supply}, a database's {@link Dispatcher} for queries).
 *
 * <p>A task has two ends that are kept apart on purpose:
 * <ul>
 *   <li>its <em>outcome</em>, settled exactly once: by {@link #complete} or {@link #fail} from the work, or by
 *       {@link #cancel} / {@link #timeout} from anywhere;
 *   <li>the end of its <em>work</em>. {@link #complete} and {@link #fail} end it (the work produced them); after a
 *       cancel the work may still be stopping (a statement being cancelled on the server), and whoever runs it
 *       calls {@link #endWork()} when it has stopped. {@link #awaitWorkEnded()} waits for that.
 * </ul>
 * The work is counted as ended in the metrics <em>before</em> its outcome is published, so whoever sees the outcome
 * ({@code await} returned) sees the metrics add up. Every path that starts work must end it exactly once; a second
 * end is ignored.
 *
 * <p>A failure that nobody observes ({@code await}, {@code onError}, {@code recover}, {@code map}, ...) is logged
 * once when the task is garbage-collected ({@link LostFailures}). Observing a result is also what tells an
 * {@code AsyncScope} that its failure was handled.
 *
 * <p>Not API: this package may change in any release.
 */
public final class Task<T> implements AsyncResult<T> {

    private static final Runnable NOTHING = () -> {};
    private static final VarHandle STATE;
    private static final VarHandle ENDED;
    private static final VarHandle END_LATCH;
    private static final VarHandle LATCH_STATE;
    private static final int OPEN = 0;
    private static final int STOPPING = 1;
    private static final int SEALED = 2;
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Task.class, "state", State.class);
            ENDED = lookup.findVarHandle(Task.class, "ended", boolean.class);
            END_LATCH = lookup.findVarHandle(Task.class, "endLatch", CountDownLatch.class);
            LATCH_STATE = lookup.findVarHandle(Task.class, "stopLatch", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String operation;
    private final MetricsRecorder metrics;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private final AsyncResult<?> upstream;
    private volatile AsyncResult<?> inner;
    private volatile State state = State.RUNNING;
    private volatile Runnable canceller = NOTHING;
    private volatile boolean observed;
    private volatile LostFailures.Watch lost;
    private volatile boolean ended;
    private volatile CountDownLatch endLatch;
    private volatile java.util.function.Supplier<String> timeoutDetail;
    private volatile int stopLatch;
    private volatile boolean holdsStop;
    private volatile Throwable heldStop;

    /**
     * A running task whose work someone is about to start; counted in {@code metrics} and adopted by the innermost
     * scope open on the current thread, if any.
     */
    public Task(String operation, MetricsRecorder metrics) {
        this(operation, metrics, null);
    }

    private Task(String operation, MetricsRecorder metrics, AsyncResult<?> upstream) {
        this(operation, metrics, upstream, true);
    }

    private Task(String operation, MetricsRecorder metrics, AsyncResult<?> upstream, boolean owned) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.metrics = metrics;
        this.upstream = upstream;
        metrics.started();
        ThreadContext.ScopeNode scope = owned ? ThreadContext.current().innermostScope() : null;
        if (scope != null) {
            scope.adopt(this);
        }
    }

    /** A running task for work Grant does for itself: owned by no scope, counted in no metrics. */
    public static <T> Task<T> unowned(String operation) {
        return new Task<>(operation, MetricsRecorder.NONE, null, false);
    }

    /** A task that has already succeeded. */
    public static <T> Task<T> succeeded(String operation, T value) {
        Task<T> task = new Task<>(operation, MetricsRecorder.NONE);
        task.complete(value);
        return task;
    }

    /** A task that has already failed. */
    public static <T> Task<T> failedWith(String operation, Throwable error) {
        Objects.requireNonNull(error, "error");
        Task<T> task = new Task<>(operation, MetricsRecorder.NONE);
        task.fail(error);
        return task;
    }

    /** A task that follows {@code upstream}: no metrics of its own, and a cancel goes upstream. */
    public static <T> Task<T> derived(String operation, AsyncResult<?> upstream) {
        Task<T> task = new Task<>(operation, MetricsRecorder.NONE, upstream);
        task.onCancel(upstream::cancel);
        return task;
    }

    // ---------------------------------------------------------------- settling

    /** Sets how to stop the work when the task is cancelled or times out; runs it at once if that happened already. */
    public void onCancel(Runnable hook) {
        this.canceller = Objects.requireNonNull(hook, "hook");
        if (state == State.CANCELLED) {
            stopWork(hook);
        }
    }

    /** The work produced {@code value}: ends the work, then succeeds; false if the outcome was already settled. */
    public boolean complete(T value) {
        endWork();
        if (!STATE.compareAndSet(this, State.RUNNING, State.SUCCESS)) {
            return false;
        }
        outcome.complete(value);
        return true;
    }

    /**
     * The work ended because something other than the caller cancelled it ({@code why}: "by db.close(), ..."): ends
     * the work, then settles as cancelled with a message saying so; false if the outcome was already settled.
     */
    public boolean cancelAfterWork(String why) {
        endWork();
        markObserved(); // a cancel is never a failure nobody awaited
        if (!STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
            return false;
        }
        metrics.cancelled();
        outcome.completeExceptionally(new CancellationException("Async operation '" + operation + "' was cancelled "
                + why));
        return true;
    }

    /** The work failed with {@code error}: ends the work, then fails; false if the outcome was already settled. */
    public boolean fail(Throwable error) {
        Objects.requireNonNull(error, "error");
        endWork();
        return failEarly(error);
    }

    /**
     * Fails with {@code error} while the work goes on (it is being stopped: the other shards of a merge, say); whoever
     * runs it still calls {@link #endWork()}. False if the outcome was already settled.
     */
    public boolean failEarly(Throwable error) {
        Objects.requireNonNull(error, "error");
        if (!STATE.compareAndSet(this, State.RUNNING, State.FAILED)) {
            return false;
        }
        metrics.failed();
        if (!observed) {
            lost = LostFailures.watch(this, operation, error);
            if (observed) {
                lost.observed();
            }
        }
        outcome.completeExceptionally(error);
        return true;
    }

    /**
     * Settles this task as a failure of another settled it (cancelled, timed out or failed alike), without ending
     * its work. For results that follow others.
     */
    public void settleLike(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof AsyncTimeoutException || error instanceof CancellationException) {
            if (STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
                outcome.completeExceptionally(error);
            }
        } else if (STATE.compareAndSet(this, State.RUNNING, State.FAILED)) {
            metrics.failed();
            outcome.completeExceptionally(error);
        }
    }

    @Override
    public boolean cancel() {
        markObserved(); // whoever cancels a result has dealt with it
        if (!LATCH_STATE.compareAndSet(this, OPEN, STOPPING) && stopLatch == SEALED) {
            return false; // its work reached the point of no return (a commit)
        }
        if (!STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
            return false;
        }
        metrics.cancelled();
        stopped(new CancellationException("Async operation '" + operation + "' was cancelled"));
        stopWork(canceller);
        return true;
    }

    /**
     * Its outcome is settled by a cancel or a timeout: published now, or, for a task that {@link #holdsStop()}, once
     * its work has ended.
     */
    private void stopped(Throwable error) {
        if (!holdsStop) {
            outcome.completeExceptionally(error);
            return;
        }
        heldStop = error; // written before `ended` is read, as endWork writes `ended` before reading this
        if (ended) {
            outcome.completeExceptionally(error);
        }
    }

    /**
     * From now on a cancel or timeout is published only once the work has ended (a transaction has rolled back), not
     * at once. Call before the work starts.
     */
    public void holdStop() {
        holdsStop = true;
    }

    /**
     * The work has reached its point of no return (a commit): from now on {@link #cancel()} and {@link #timeout} do
     * nothing, and the outcome is what the work produces. False if a cancel or timeout came first: the work must then
     * not go past that point.
     */
    public boolean seal() {
        return LATCH_STATE.compareAndSet(this, OPEN, SEALED) || stopLatch == SEALED;
    }

    /** Undoes {@link #seal()}: the point of no return failed (a commit the database refused), and the work goes on. */
    public void unseal() {
        LATCH_STATE.compareAndSet(this, SEALED, OPEN);
    }

    /** Cancels the task because it ran out of {@code limit}; false if the outcome was already settled. */
    public boolean timeout(Duration limit) {
        if (!LATCH_STATE.compareAndSet(this, OPEN, STOPPING) && stopLatch == SEALED) {
            return false;
        }
        if (!STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
            return false;
        }
        metrics.timedOut();
        java.util.function.Supplier<String> detail = timeoutDetail;
        String more = detail == null ? null : detail.get();
        stopped(more == null ? new AsyncTimeoutException(operation, limit)
                : new AsyncTimeoutException(operation, new AsyncTimeoutException(operation, limit).getMessage() + "; "
                        + more, limit));
        stopWork(canceller);
        return true;
    }

    /** What a timeout of this task adds to its message (the shards that had not answered, say); {@code null}: nothing. */
    public void describeTimeout(java.util.function.Supplier<String> detail) {
        this.timeoutDetail = detail;
    }

    private void stopWork(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException | Error e) {
            org.slf4j.LoggerFactory.getLogger(AsyncResult.class).warn("Stopping async operation '{}' failed",
                    operation, e);
        }
    }

    /** The work of this task has ended (idempotent): counted in the metrics, and {@link #awaitWorkEnded} returns. */
    public void endWork() {
        if (!ENDED.compareAndSet(this, false, true)) {
            return;
        }
        metrics.ended();
        Throwable held = heldStop;
        if (held != null) {
            outcome.completeExceptionally(held);
        }
        CountDownLatch latch = endLatch;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Whether the work of this task has ended. */
    public boolean workEnded() {
        return ended;
    }

    /**
     * Waits, without giving up on interrupts, until the work of this task (and of what it follows) ended; returns
     * whether the thread was interrupted meanwhile (its interrupt flag is then set again).
     */
    public boolean awaitWorkEnded() {
        boolean interrupted = false;
        if (upstream instanceof Task<?> task) {
            interrupted |= task.awaitWorkEnded();
        }
        if (inner instanceof Task<?> task) {
            interrupted |= task.awaitWorkEnded();
        }
        if (!ended) {
            CountDownLatch latch = endLatch;
            if (latch == null) {
                END_LATCH.compareAndSet(this, null, new CountDownLatch(1));
                latch = endLatch;
            }
            while (!ended) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return interrupted;
    }

    /** Runs {@code action} once the outcome is settled (at once, on this thread, if it is). */
    public void whenSettled(Runnable action) {
        outcome.whenComplete((value, error) -> action.run());
    }

    /** Completes (normally) once the outcome is settled; observes nothing. */
    public CompletableFuture<Void> settled() {
        return outcome.handle((value, error) -> null);
    }

    /** The error that settled this task: the failure, a {@code CancellationException} or an {@code AsyncTimeoutException}. */
    public Throwable failure() {
        State now = state;
        if (now == State.RUNNING || now == State.SUCCESS) {
            return null;
        }
        // a stop held until the work ends (a transaction rolling back) is waited for
        // not exceptionNow(): it refuses a future completed with a CancellationException
        return unwrap(outcome.handle((value, error) -> error).join());
    }

    /** Marks a failure as seen: it is not logged as lost, and a scope treats it as handled. */
    public void markObserved() {
        observed = true;
        LostFailures.Watch watch = lost;
        if (watch != null) {
            watch.observed();
        }
    }

    /** Whether someone observed this result ({@code await}, {@code onError}, {@code recover}, {@code map}, ...). */
    public boolean isObserved() {
        return observed;
    }

    // ---------------------------------------------------------------- AsyncResult

    @Override
    public T await() {
        markObserved();
        ThreadContext context = ThreadContext.waitStarts();
        try {
            spinBriefly(SPIN_NANOS);
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw cancelled(e);
        } finally {
            context.exitWait();
        }
    }

    @Override
    public T await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        markObserved();
        ThreadContext context = ThreadContext.waitStarts();
        try {
            spinBriefly(Math.min(SPIN_NANOS, timeout.toNanos()));
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (timeout(timeout)) {
                throw rethrow(failure());
            }
            return await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw cancelled(e);
        } finally {
            context.exitWait();
        }
    }

    /**
     * The exception {@code await} throws for a cancelled task: "Async operation 'User.count' was cancelled",
     * caused by the task's own {@link CancellationException} ({@code CompletableFuture.get} wraps it in one of
     * its own, whose message is only "get").
     */
    private AsyncExecutionException cancelled(CancellationException e) {
        Throwable original = e.getCause() instanceof CancellationException own ? own : e;
        String cancelled = "Async operation '" + operation + "' was cancelled";
        String detail = original == e && "get".equals(e.getMessage()) ? null : original.getMessage();
        String message = detail == null || detail.equals(cancelled) ? cancelled : cancelled + ": " + detail;
        return new AsyncExecutionException(operation, message, original);
    }

    /**
     * A platform thread that parks pays an operating-system wake-up when the result comes (about 40 µs on a
     * small VM, ten times a quick query); spinning a few microseconds first catches quick results without it.
     * Only when this is the one operation running: with others in flight the spinning core is better spent on them.
     * Virtual threads park cheaply and never spin; neither does a single CPU. See benchmarks/README.md.
     */
    private void spinBriefly(long nanos) {
        if (!SPIN || outcome.isDone() || Thread.currentThread().isVirtual()
                || MetricsRecorder.GLOBAL.activeOperations() > 1) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        while (!outcome.isDone() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    private AsyncException rethrow(Throwable error) {
        if (error instanceof AsyncTimeoutException timeout) {
            // a fresh exception, so that its stack trace shows this await; the message stays the timeout's own
            AsyncTimeoutException fresh = new AsyncTimeoutException(timeout.operation(), timeout.getMessage(),
                    timeout.timeout());
            fresh.addSuppressed(timeout);
            return fresh;
        }
        return new AsyncExecutionException(operation, error);
    }

    @Override
    public boolean isDone() {
        return state != State.RUNNING;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public T onError(Function<? super Throwable, ? extends T> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        markObserved();
        ThreadContext context = ThreadContext.waitStarts();
        try {
            outcome.handle((value, error) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: handle() never fails", e);
        } finally {
            context.exitWait();
        }
        return state == State.SUCCESS ? outcome.join() : fallback.apply(failure());
    }

    @Override
    public <U> AsyncResult<U> map(Function<? super T, ? extends U> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return follow((next, value, error, shard) -> {
            if (error != null) {
                next.settleLike(error);
            } else {
                next.complete(ShardContext.call(shard, () -> mapper.apply(value)));
            }
        });
    }

    @Override
    public AsyncResult<T> recover(Function<? super Throwable, ? extends T> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return follow((next, value, error, shard) ->
                next.complete(error == null ? value : ShardContext.call(shard, () -> fallback.apply(error))));
    }

    /** How a derived task is settled from the outcome of the one it follows. */
    @FunctionalInterface
    private interface Step<T, U> {
        void settle(Task<U> next, T value, Throwable error, String shard);
    }

    /**
     * A task settled by {@code step} once this one's outcome is known; {@code step} runs its user function under the
     * shard in force now, and anything it throws fails the new task.
     */
    private <U> Task<U> follow(Step<T, U> step) {
        markObserved();
        Task<U> next = derived(operation, this);
        String shard = ShardContext.current();
        Bound bound = Bound.current();
        outcome.whenComplete((value, error) -> {
            Bound previous = Bound.set(bound);
            try {
                step.settle(next, value, error == null ? null : unwrap(error), shard);
            } catch (Throwable e) {
                next.fail(e);
            } finally {
                Bound.set(previous);
                next.endWork();
            }
        });
        return next;
    }

    @Override
    public <U> AsyncResult<U> flatMap(Function<? super T, ? extends AsyncResult<U>> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        markObserved();
        Task<U> next = derived(operation, this);
        String shard = ShardContext.current();
        Bound bound = Bound.current();
        outcome.whenComplete((value, error) -> {
            if (error != null) {
                next.settleLike(error);
                next.endWork();
                return;
            }
            AsyncResult<U> then;
            try {
                then = Objects.requireNonNull(Bound.call(bound, () -> ShardContext.call(shard,
                        () -> mapper.apply(value))), "flatMap function returned null");
            } catch (Throwable e) {
                next.fail(e);
                return;
            }
            next.inner = then;
            next.onCancel(then::cancel);
            then.toCompletableFuture().whenComplete((innerValue, innerError) -> {
                if (innerError != null) {
                    next.settleLike(innerError);
                } else {
                    next.complete(innerValue);
                }
                next.endWork();
            });
        });
        return next;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        markObserved();
        CompletableFuture<T> view = new CompletableFuture<>();
        outcome.whenComplete((value, error) -> {
            if (error != null) {
                view.completeExceptionally(unwrap(error));
            } else {
                view.complete(value);
            }
        });
        view.whenComplete((value, error) -> {
            if (view.isCancelled()) {
                cancel();
            }
        });
        return view;
    }

    /** {@code error} without the {@link CompletionException}s that futures wrap around it. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    @Override
    public String toString() {
        return "AsyncResult[" + operation + ", " + state + "]";
    }
}
