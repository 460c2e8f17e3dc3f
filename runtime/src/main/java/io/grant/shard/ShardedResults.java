package io.grant.shard;

import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.internal.Task;
import io.grant.internal.ThreadContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One result per shard, from {@link ShardedAsyncExecutor#executeAcrossShards}, in the order the shards were
 * given. The shards run independently: a failing or slow shard never stops the others from answering, so
 * partial results are always at hand.
 *
 * <pre>{@code
 * ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(shards, shard -> UserAsync.count());
 * Map<String, Long> all = counts.awaitAll();                     // or throws naming every failed shard
 * counts.waitAll(Duration.ofSeconds(2));                          // at most 2 s; slower shards time out
 * Map<String, Long> answered = counts.successes();
 * Map<String, Throwable> missing = counts.failures();
 * }</pre>
 *
 * <p>No method declares a checked exception; an interrupt while waiting sets the thread's interrupt flag
 * again and throws {@link AsyncExecutionException} caused by the {@link InterruptedException}.
 *
 * @param <T> the type of each shard's value
 */
public final class ShardedResults<T> {

    private final Map<String, AsyncResult<T>> results;

    ShardedResults(Map<String, AsyncResult<T>> results) {
        this.results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** The shards, in the order given. */
    public List<String> shards() {
        return List.copyOf(results.keySet());
    }

    /** Every shard's result, in shard order. */
    public Map<String, AsyncResult<T>> results() {
        return results;
    }

    /**
     * The result of {@code shard}.
     *
     * @throws IllegalArgumentException if {@code shard} is not one of these results' shards
     */
    public AsyncResult<T> get(String shard) {
        AsyncResult<T> result = results.get(Objects.requireNonNull(shard, "shard"));
        if (result == null) {
            throw new IllegalArgumentException("No result for shard '" + shard + "'; these results are for "
                    + results.keySet());
        }
        return result;
    }

    /** Whether every shard's outcome is known. Never blocks. */
    public boolean isDone() {
        return results.values().stream().allMatch(AsyncResult::isDone);
    }

    /** Waits until every shard has succeeded or failed; never throws for their failures. */
    public ShardedResults<T> waitAll() {
        settleWithin(null);
        return this;
    }

    /**
     * Waits at most {@code timeout} for every shard; then times out each shard still running (it is cancelled,
     * its statement cancelled on the server, and its failure is an {@link AsyncTimeoutException}). Never
     * throws for the shards' failures: read them with {@link #failures()}, the answers with {@link #successes()}.
     */
    public ShardedResults<T> waitAll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        if (!settleWithin(timeout)) {
            for (AsyncResult<T> result : results.values()) {
                if (result instanceof Task<T> task) {
                    task.timeout(timeout);
                } else {
                    result.cancel();
                }
            }
            settleWithin(null);
        }
        return this;
    }

    /** Waits until every shard's outcome is known, at most {@code timeout} ({@code null}: no limit); false if it ran out. */
    private boolean settleWithin(Duration timeout) {
        CompletableFuture<Void> all = CompletableFuture.allOf(results.values().stream()
                .map(result -> result.toCompletableFuture().handle((value, error) -> null))
                .toArray(CompletableFuture<?>[]::new));
        ThreadContext context = ThreadContext.waitStarts();
        try {
            if (timeout == null) {
                all.get();
            } else {
                all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncExecutionException(operation(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: settled futures never fail", e);
        } finally {
            context.exitWait();
        }
    }

    /**
     * Waits for every shard and returns their values in shard order.
     *
     * @throws AsyncExecutionException naming every failed shard, if any failed (the cause is the first
     *     failure; the others are suppressed)
     */
    public Map<String, T> awaitAll() {
        waitAll();
        return valuesOrThrow();
    }

    /**
     * Waits at most {@code timeout} for every shard (see {@link #waitAll(Duration)}) and returns their values.
     *
     * @throws AsyncExecutionException naming every failed or timed-out shard, if any
     */
    public Map<String, T> awaitAll(Duration timeout) {
        waitAll(timeout);
        return valuesOrThrow();
    }

    /** Waits for every shard; the values of those that succeeded, in shard order. */
    public Map<String, T> successes() {
        waitAll();
        Map<String, T> values = new LinkedHashMap<>();
        results.forEach((shard, result) -> {
            if (result.state() == AsyncResult.State.SUCCESS) {
                values.put(shard, result.await());
            }
        });
        return Collections.unmodifiableMap(values);
    }

    /**
     * Waits for every shard; the errors of those that did not succeed, in shard order: the original error,
     * an {@link AsyncTimeoutException}, or a {@link java.util.concurrent.CancellationException}.
     */
    public Map<String, Throwable> failures() {
        waitAll();
        Map<String, Throwable> errors = new LinkedHashMap<>();
        results.forEach((shard, result) -> {
            if (result.state() != AsyncResult.State.SUCCESS) {
                errors.put(shard, result.toCompletableFuture().exceptionNow());
            }
        });
        return Collections.unmodifiableMap(errors);
    }

    /** Cancels every shard still running; true if any was. */
    public boolean cancel() {
        boolean any = false;
        for (AsyncResult<T> result : results.values()) {
            any |= result.cancel();
        }
        return any;
    }

    private Map<String, T> valuesOrThrow() {
        Map<String, Throwable> failed = failures();
        if (failed.isEmpty()) {
            return successes();
        }
        List<String> parts = new ArrayList<>();
        failed.forEach((shard, error) -> parts.add("'" + shard + "' (" + results.get(shard).operation() + ": "
                + Gather.describe(error) + ")"));
        Throwable first = failed.values().iterator().next();
        AsyncExecutionException thrown = new AsyncExecutionException(operation(), failed.size() + " of "
                + results.size() + " shards failed: " + String.join(", ", parts), first);
        failed.values().stream().skip(1).forEach(thrown::addSuppressed);
        throw thrown;
    }

    /** {@code "User.count@*"} when every shard runs the same operation, else {@code "executeAcrossShards"}. */
    private String operation() {
        String common = null;
        for (Map.Entry<String, AsyncResult<T>> entry : results.entrySet()) {
            String name = entry.getValue().operation();
            String suffix = "@" + entry.getKey();
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
            if (common != null && !common.equals(base)) {
                return "executeAcrossShards";
            }
            common = base;
        }
        return common == null ? "executeAcrossShards" : common + "@*";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ShardedResults[");
        results.forEach((shard, result) -> text.append(text.length() > 15 ? ", " : "").append(shard).append('=')
                .append(result.state()));
        return text.append(']').toString();
    }
}
