package io.grant.internal;

import io.grant.async.AsyncException;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link AsyncResult}.
 *
 * <p>A task has two ends that are kept apart on purpose: its <em>outcome</em> (the state and value seen by
 * {@code await}), settled exactly once by {@link #complete}, {@link #fail}, {@link #cancel} or
 * {@link #timeout}; and the end of its <em>work</em>, signalled by {@link #ended()} from the thread that did
 * it. A cancelled task has its outcome at once, while its work may still be stopping (a statement being
 * cancelled on the server); {@link #awaitWorkEnded()} waits for that, which is what {@code AsyncScope.close()}
 * needs. Whoever starts work for a task must call {@link #ended()} exactly once, in a {@code finally}.
 *
 * <p>A failure that nobody observes ({@code await}, {@code onError}, {@code map} and the like) is logged once
 * when the task is garbage-collected, so errors are never lost silently.
 *
 * <p>Not API: this package may change in any release.
 */
public final class Task<T> implements AsyncResult<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncResult.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Runnable NOTHING = () -> {};
    private static final VarHandle STATE;
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Task.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String operation;
    private final MetricsRecorder metrics;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();
    private final CountDownLatch workEnded = new CountDownLatch(1);
    private final AsyncResult<?> upstream;
    private volatile AsyncResult<?> inner;
    private volatile State state = State.RUNNING;
    private volatile Runnable canceller = NOTHING;
    private volatile boolean observed;
    private volatile Unobserved unobserved;

    /**
     * A running task whose work someone is about to start; counted in {@code metrics} and adopted by the
     * current thread's {@link TaskOwner}, if any.
     */
    public Task(String operation, MetricsRecorder metrics) {
        this(operation, metrics, null);
    }

    private Task(String operation, MetricsRecorder metrics, AsyncResult<?> upstream) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.metrics = metrics;
        this.upstream = upstream;
        metrics.started();
        TaskOwner owner = TaskOwner.current();
        if (owner != null) {
            owner.adopt(this);
        }
    }

    /**
     * Runs {@code work} on a new virtual thread; a cancel interrupts that thread. The shard in force now
     * ({@link ShardContext}) is in force for {@code work} too, so what it creates runs on the shard of the
     * code that called {@code supply}, however late the thread gets to it.
     */
    public static <T> Task<T> supply(String operation, MetricsRecorder metrics, java.util.concurrent.Callable<T> work) {
        Objects.requireNonNull(work, "work");
        Task<T> task = new Task<>(operation, metrics);
        String shard = ShardContext.current();
        StatementGuard guard = new StatementGuard(operation);
        Thread thread = Thread.ofVirtual().name(operation).unstarted(() -> {
            ShardContext.set(shard);
            try {
                boolean stopped = guard.interruptible(true);
                if (!stopped && !task.isDone()) {
                    task.complete(guard.runAs(work));
                }
            } catch (Throwable e) {
                task.fail(e);
            } finally {
                task.ended();
            }
        });
        guard.bind(thread);
        task.onCancel(guard::stop);
        thread.start();
        return task;
    }

    /** A task that has already succeeded. */
    public static <T> Task<T> succeeded(String operation, T value) {
        Task<T> task = new Task<>(operation, MetricsRecorder.NONE);
        task.complete(value);
        task.ended();
        return task;
    }

    /** A task that has already failed. */
    public static <T> Task<T> failedWith(String operation, Throwable error) {
        Objects.requireNonNull(error, "error");
        Task<T> task = new Task<>(operation, MetricsRecorder.NONE);
        task.fail(error);
        task.ended();
        return task;
    }

    /** A task that follows {@code upstream}: no metrics of its own, and a cancel goes upstream. */
    public static <T> Task<T> derived(String operation, AsyncResult<?> upstream) {
        Task<T> task = new Task<>(operation, MetricsRecorder.NONE, upstream);
        task.onCancel(upstream::cancel);
        return task;
    }

    // ---------------------------------------------------------------- settling the outcome

    /** Sets how to stop the work when the task is cancelled or times out. */
    public void onCancel(Runnable hook) {
        this.canceller = Objects.requireNonNull(hook, "hook");
    }

    /** Succeeds with {@code value}; false if the outcome was already settled. */
    public boolean complete(T value) {
        if (!STATE.compareAndSet(this, State.RUNNING, State.SUCCESS)) {
            return false;
        }
        outcome.complete(value);
        return true;
    }

    /** Fails with {@code error}; false if the outcome was already settled. */
    public boolean fail(Throwable error) {
        if (!STATE.compareAndSet(this, State.RUNNING, State.FAILED)) {
            return false;
        }
        metrics.failed();
        if (!observed) {
            Unobserved watch = new Unobserved(operation, error);
            unobserved = watch;
            CLEANER.register(this, watch);
            if (observed) {
                watch.observed = true;
            }
        }
        outcome.completeExceptionally(error);
        return true;
    }

    @Override
    public boolean cancel() {
        if (!STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
            return false;
        }
        metrics.cancelled();
        outcome.completeExceptionally(new CancellationException("Async operation '" + operation + "' was cancelled"));
        stopWork();
        return true;
    }

    /** Cancels the task because it ran out of {@code limit}; false if the outcome was already settled. */
    public boolean timeout(Duration limit) {
        if (!STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
            return false;
        }
        metrics.timedOut();
        outcome.completeExceptionally(new AsyncTimeoutException(operation, limit));
        stopWork();
        return true;
    }

    /** Settles this task as {@code failure} settled another: cancelled, timed out or failed alike. */
    private void settleLike(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof AsyncTimeoutException timeout) {
            if (STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
                outcome.completeExceptionally(timeout);
            }
        } else if (error instanceof CancellationException) {
            if (STATE.compareAndSet(this, State.RUNNING, State.CANCELLED)) {
                outcome.completeExceptionally(error);
            }
        } else {
            fail(error);
        }
    }

    private void stopWork() {
        try {
            canceller.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("Stopping async operation '{}' failed", operation, e);
        }
    }

    /** The work of this task has ended; call exactly once, from the thread that did it. */
    public void ended() {
        metrics.ended();
        workEnded.countDown();
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
        while (true) {
            try {
                workEnded.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return interrupted;
    }

    /** Completes (normally) once the outcome is settled; observes nothing. */
    public CompletableFuture<Void> settled() {
        return outcome.handle((value, error) -> null);
    }

    /** Runs {@code action} once the outcome is settled (at once if it is). */
    public void whenSettled(Runnable action) {
        outcome.whenComplete((value, error) -> action.run());
    }

    /** The error that settled this task: the failure, a {@code CancellationException} or an {@code AsyncTimeoutException}. */
    public Throwable failure() {
        if (!outcome.isCompletedExceptionally()) {
            return null;
        }
        // not exceptionNow(): it refuses a future completed with a CancellationException
        return unwrap(outcome.handle((value, error) -> error).join());
    }

    /** Marks a failure as seen, so that it is not logged as lost. */
    public void markObserved() {
        observed = true;
        Unobserved watch = unobserved;
        if (watch != null) {
            watch.observed = true;
        }
    }

    // ---------------------------------------------------------------- AsyncResult

    @Override
    public T await() {
        markObserved();
        spinBriefly(SPIN_NANOS);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw cancelled(e);
        }
    }

    @Override
    public T await(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        markObserved();
        try {
            spinBriefly(Math.min(SPIN_NANOS, timeout.toNanos()));
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (timeout(timeout)) {
                throw new AsyncTimeoutException(operation, timeout);
            }
            return await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation, e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw cancelled(e);
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
     * small VM, ten times a quick query); spinning a few microseconds first catches quick results without
     * it. Virtual threads park cheaply and never spin; neither does a single CPU, where spinning would only
     * delay the thread producing the result. See benchmarks/README.md (AsyncOverhead).
     */
    private void spinBriefly(long nanos) {
        if (!SPIN || outcome.isDone() || Thread.currentThread().isVirtual()) {
            return;
        }
        long deadline = System.nanoTime() + nanos;
        while (!outcome.isDone() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }

    private AsyncException rethrow(Throwable error) {
        if (error instanceof AsyncTimeoutException timeout) {
            AsyncTimeoutException fresh = new AsyncTimeoutException(timeout.operation(), timeout.timeout());
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
        try {
            outcome.handle((value, error) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: handle() never fails", e);
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

    /** How a derived task is settled from the outcome of the one it follows. */
    @FunctionalInterface
    private interface Step<T, U> {
        void settle(Task<U> next, T value, Throwable error, String shard);
    }

    /**
     * A task settled by {@code step} once this one's outcome is known; {@code step} runs its user function
     * under the shard in force now, and anything it throws fails the new task.
     */
    private <U> Task<U> follow(Step<T, U> step) {
        markObserved();
        Task<U> next = derived(operation, this);
        String shard = ShardContext.current();
        outcome.whenComplete((value, error) -> {
            try {
                step.settle(next, value, error == null ? null : unwrap(error), shard);
            } catch (Throwable e) {
                next.fail(e);
            } finally {
                next.ended();
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
        outcome.whenComplete((value, error) -> {
            if (error != null) {
                next.settleLike(error);
                next.ended();
                return;
            }
            AsyncResult<U> then;
            try {
                then = Objects.requireNonNull(ShardContext.call(shard, () -> mapper.apply(value)),
                        "flatMap function returned null");
            } catch (Throwable e) {
                next.fail(e);
                next.ended();
                return;
            }
            next.inner = then;
            next.onCancel(then::cancel);
            if (next.isDone()) {
                then.cancel();
            }
            then.toCompletableFuture().whenComplete((innerValue, innerError) -> {
                if (innerError != null) {
                    next.settleLike(innerError);
                } else {
                    next.complete(innerValue);
                }
                next.ended();
            });
        });
        return next;
    }

    @Override
    public AsyncResult<T> recover(Function<? super Throwable, ? extends T> fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return follow((next, value, error, shard) ->
                next.complete(error == null ? value : ShardContext.call(shard, () -> fallback.apply(error))));
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

    /** Combines results, in order; see {@link AsyncResult#all}. */
    public static <T> Task<java.util.List<T>> all(java.util.List<? extends AsyncResult<? extends T>> results) {
        java.util.List<AsyncResult<? extends T>> sources = java.util.List.copyOf(results);
        String name = allName(sources);
        Task<java.util.List<T>> combined = new Task<>(name, MetricsRecorder.NONE, null);
        combined.onCancel(() -> sources.forEach(AsyncResult::cancel));
        if (sources.isEmpty()) {
            combined.complete(java.util.List.of());
            combined.ended();
            return combined;
        }
        java.util.concurrent.atomic.AtomicInteger remaining = new java.util.concurrent.atomic.AtomicInteger(sources.size());
        Object[] values = new Object[sources.size()];
        for (int i = 0; i < sources.size(); i++) {
            int index = i;
            AsyncResult<? extends T> source = sources.get(i);
            source.toCompletableFuture().whenComplete((value, error) -> {
                if (error != null) {
                    combined.settleLike(error);
                } else {
                    values[index] = value;
                }
                if (remaining.decrementAndGet() == 0) {
                    if (!combined.isDone()) {
                        @SuppressWarnings("unchecked") // every slot holds the T of its source
                        java.util.List<T> list = (java.util.List<T>) java.util.Arrays.asList(values);
                        combined.complete(java.util.Collections.unmodifiableList(list));
                    }
                    combined.ended();
                }
            });
        }
        return combined;
    }

    private static String allName(java.util.List<? extends AsyncResult<?>> sources) {
        StringBuilder name = new StringBuilder("all(");
        int shown = Math.min(3, sources.size());
        for (int i = 0; i < shown; i++) {
            name.append(i == 0 ? "" : ", ").append(sources.get(i).operation());
        }
        if (sources.size() > shown) {
            name.append(", ... ").append(sources.size()).append(" results");
        }
        return name.append(')').toString();
    }

    private static Throwable unwrap(Throwable error) {
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

    /** Logs a failure that nobody observed, when its task is collected. Holds no reference to the task. */
    private static final class Unobserved implements Runnable {
        private final String operation;
        private final Throwable error;
        volatile boolean observed;

        Unobserved(String operation, Throwable error) {
            this.operation = operation;
            this.error = error;
        }

        @Override
        public void run() {
            if (!observed) {
                LOG.error("Async operation '{}' failed and nobody awaited its result", operation, error);
            }
        }
    }
}
