package io.grant.async;

import io.grant.internal.Combine;
import io.grant.internal.Launcher;
import io.grant.internal.MetricsRecorder;
import io.grant.internal.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The result of an operation that is already running on its own virtual thread.
 *
 * <p>Creating a result starts the work; nothing waits until you call {@link #await()}. A database operation
 * first takes one of its database's {@code maxConcurrency} permits, then a pooled connection, and gives both
 * back when it ends, whatever the outcome. {@link #cancel()} and a timed-out {@link #await(Duration)} cancel
 * the running statement on the server ({@link java.sql.Statement#cancel()}), and the connection goes back to
 * the pool healthy.
 *
 * <p>No method here declares a checked exception. Blocking methods throw {@link AsyncExecutionException}
 * (its cause is the original error) or {@link AsyncTimeoutException}; an interrupt while waiting sets the
 * thread's interrupt flag again and throws {@code AsyncExecutionException} caused by the
 * {@link InterruptedException}. A failure that nobody ever observes is logged once, never lost silently.
 *
 * @param <T> the type of the value
 */
public interface AsyncResult<T> {

    /** Where a result stands. A result leaves {@link #RUNNING} exactly once. */
    enum State {
        /** The outcome is not known yet. */
        RUNNING,
        /** The operation produced a value. */
        SUCCESS,
        /** The operation failed with an error. */
        FAILED,
        /** The operation was cancelled, by {@link #cancel()} or because it ran out of time. */
        CANCELLED
    }

    /**
     * Waits for the value.
     *
     * @throws AsyncExecutionException if the operation failed (the cause is the original error) or was
     *     cancelled (the cause is a {@link java.util.concurrent.CancellationException})
     * @throws AsyncTimeoutException if the operation ran out of its own time limit
     */
    T await();

    /**
     * Waits at most {@code timeout} for the value; past it, cancels the operation (the running statement is
     * cancelled on the server), leaves this result {@link State#CANCELLED} and throws.
     *
     * @throws AsyncTimeoutException if the value did not come within {@code timeout}
     * @throws AsyncExecutionException if the operation failed or was cancelled
     */
    T await(Duration timeout);

    /** Whether the outcome is known (success, failure or cancellation). Never blocks. */
    boolean isDone();

    /** Where this result stands now. Never blocks. */
    State state();

    /**
     * Cancels the operation: a waiting one never runs, a running statement is cancelled on the server, and
     * {@link #await()} then throws. Returns {@code false} if the outcome was already known.
     */
    boolean cancel();

    /** What this operation is, for messages and logs: {@code "User.count"}, {@code "User.count@eu"}. */
    String operation();

    /** Waits; returns the value, or what {@code fallback} makes of the error if the operation did not succeed. */
    T onError(Function<? super Throwable, ? extends T> fallback);

    /** A result that applies {@code mapper} to the value once it is there. Never blocks. */
    <U> AsyncResult<U> map(Function<? super T, ? extends U> mapper);

    /** A result that continues with the operation {@code mapper} starts from the value. Never blocks. */
    <U> AsyncResult<U> flatMap(Function<? super T, ? extends AsyncResult<U>> mapper);

    /** A result that turns a failure (or cancellation) into a value with {@code fallback}. Never blocks. */
    AsyncResult<T> recover(Function<? super Throwable, ? extends T> fallback);

    /**
     * This result as a {@link CompletableFuture}, completed with the value or with the original error.
     * Cancelling the future cancels the operation.
     */
    CompletableFuture<T> toCompletableFuture();

    /**
     * Runs {@code work} on a new virtual thread. {@link #cancel()} interrupts it. Counted in
     * {@link io.grant.metrics.AsyncMetrics#global()}. The shard in force when {@code supply} is called
     * ({@code ShardManager.withShard}) is in force inside {@code work} too, as it is for the functions given
     * to {@link #map}, {@link #flatMap} and {@link #recover}.
     */
    static <T> AsyncResult<T> supply(String operation, Callable<T> work) {
        return Launcher.supply(operation, MetricsRecorder.GLOBAL, work);
    }

    /** A result that already has {@code value}. */
    static <T> AsyncResult<T> completed(T value) {
        return Task.succeeded("completed", value);
    }

    /** A result that has already failed with {@code error}. */
    static <T> AsyncResult<T> failed(String operation, Throwable error) {
        return Task.failedWith(operation, error);
    }

    /**
     * One result holding every value of {@code results}, in the same order; it fails with the first failure.
     * Cancelling it cancels them all.
     */
    static <T> AsyncResult<List<T>> all(List<? extends AsyncResult<? extends T>> results) {
        return Combine.all(results);
    }
}
