package io.grant.async;

import io.grant.internal.Task;
import io.grant.internal.ThreadContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A wait group: collects results and waits until every one of them is done, however it ended. It never
 * cancels anything and never throws for a result's failure; ask {@link #failed()} what did not succeed.
 * Unlike {@link AsyncScope} it may be shared between threads.
 *
 * <pre>{@code
 * AsyncCoordinator all = new AsyncCoordinator();
 * AsyncResult<Long> users = all.add(UserAsync.count());
 * AsyncResult<BigDecimal> total = all.add(OrderAsync.sum(OrderAsync.TOTAL));
 * all.waitAll();
 * }</pre>
 */
public final class AsyncCoordinator {

    private final List<AsyncResult<?>> results = new CopyOnWriteArrayList<>();

    /** Creates an empty coordinator. */
    public AsyncCoordinator() {}

    /** Adds {@code result} to wait for, and returns it. */
    public <T> AsyncResult<T> add(AsyncResult<T> result) {
        results.add(Objects.requireNonNull(result, "result"));
        return result;
    }

    /** Waits until every result added so far is done, success or not. */
    public void waitAll() {
        CompletableFuture<Void> all = allDone();
        ThreadContext context = ThreadContext.waitStarts();
        try {
            all.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException("AsyncCoordinator.waitAll", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: failures are absorbed", e);
        } finally {
            context.exitWait();
        }
    }

    /**
     * Waits at most {@code timeout} until every result added so far is done. Cancels nothing.
     *
     * @throws AsyncTimeoutException if some were still running after {@code timeout}
     */
    public void waitAll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        CompletableFuture<Void> all = allDone();
        ThreadContext context = ThreadContext.waitStarts();
        try {
            all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            long running = results.stream().filter(r -> !r.isDone()).count();
            throw new AsyncTimeoutException("AsyncCoordinator.waitAll (" + running + " of " + results.size()
                    + " still running)", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException("AsyncCoordinator.waitAll", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: failures are absorbed", e);
        } finally {
            context.exitWait();
        }
    }

    /** The results that are done and did not succeed (failed, cancelled or timed out), in the order added. */
    public List<AsyncResult<?>> failed() {
        List<AsyncResult<?>> failed = new ArrayList<>();
        for (AsyncResult<?> result : results) {
            if (result.isDone() && result.state() != AsyncResult.State.SUCCESS) {
                if (result instanceof Task<?> task) {
                    task.markObserved();
                }
                failed.add(result);
            }
        }
        return List.copyOf(failed);
    }

    /** How many results were added. */
    public int size() {
        return results.size();
    }

    /** Completes when {@code result} is done, without marking a failure as observed. */
    private static CompletableFuture<?> settled(AsyncResult<?> result) {
        if (result instanceof Task<?> task) {
            return task.settled();
        }
        return result.toCompletableFuture().handle((value, error) -> null);
    }

    private CompletableFuture<Void> allDone() {
        CompletableFuture<?>[] futures = results.stream()
                .map(AsyncCoordinator::settled)
                .toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(futures);
    }
}
