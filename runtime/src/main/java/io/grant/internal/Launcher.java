package io.grant.internal;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Starts work that is not a database operation ({@code AsyncResult.supply}, {@code AsyncScope.fork}) on a virtual
 * thread of its own, and ends it: the task settles with what the work returns or throws, and its work ends when the
 * thread is done, whatever happened.
 *
 * <p>A cancel interrupts the thread while the work runs Java code; a statement the work runs through
 * {@code Grant.dsl()} is cancelled on the server instead ({@link StatementGuard}). The shard in force when the work
 * was handed over is in force inside it ({@link ShardContext}), and so is the transaction ({@link Bound}). Not API.
 */
public final class Launcher {

    private Launcher() {}

    /** Runs {@code work} on a new virtual thread and returns its task at once. */
    public static <T> Task<T> supply(String operation, MetricsRecorder metrics, Callable<T> work) {
        Objects.requireNonNull(work, "work");
        Task<T> task = new Task<>(operation, metrics);
        String shard = ShardContext.current();
        Bound bound = Bound.current();
        StatementGuard guard = new StatementGuard(operation);
        Thread thread = Thread.ofVirtual().name(operation).unstarted(() -> {
            ShardContext.set(shard);
            Bound.set(bound);
            try {
                if (guard.interruptible(true) || task.isDone()) {
                    task.endWork();
                    return;
                }
                task.complete(guard.runAs(work));
            } catch (Throwable e) {
                task.fail(e);
            } finally {
                guard.interruptible(false);
                task.endWork();
            }
        });
        guard.bind(thread);
        task.onCancel(guard::stop);
        thread.start();
        return task;
    }
}
