package io.grant.shard;

import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.internal.MetricsRecorder;
import io.grant.internal.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Scatter-gather: one result made of one operation per shard, all started at once.
 *
 * <p>Guarantees of the merged result:
 * <ol>
 *   <li>It settles exactly once: with {@code merge} of every shard's value, in shard order, when all
 *       succeeded; with the first shard failure, as an {@link AsyncExecutionException} naming that shard (the
 *       other shards are then cancelled); or early, when a {@link Early decisive} value makes the rest
 *       irrelevant (the other shards are then cancelled).
 *   <li>Cancelling it, or its {@code await(timeout)} running out, cancels every shard's operation.
 *   <li>Its work ends when every shard's result has settled, so an {@code AsyncScope} that owns it waits
 *       for all of them.
 *   <li>It is counted in no metrics: each shard's operation already is, on its own database.
 * </ol>
 */
final class Gather {

    private Gather() {}

    /**
     * When a shard's value decides the merged result before the others answer.
     *
     * @param decisive whether a value decides
     * @param inOrder {@code true}: only once every shard before it answered with a value that does not
     *     decide (e.g. "the first shard, in order, that has a row"); {@code false}: at once ("any shard has a row")
     */
    record Early<R>(Predicate<? super R> decisive, boolean inOrder) {
        static <R> Early<R> never() {
            return new Early<>(value -> false, false);
        }
    }

    /** Starts {@code start(shard)} for each shard and merges their values with {@code merge}. */
    static <R, T> AsyncResult<T> across(String operation, List<String> shards,
            Function<String, ? extends AsyncResult<R>> start, Function<List<R>, T> merge) {
        return across(operation, shards, start, merge, Early.never());
    }

    /**
     * Starts {@code start(shard)} for each shard and merges their values with {@code merge}; a value that
     * {@code early} finds decisive settles the result with {@code merge} of the values it needed: those of the
     * shards up to it ({@code inOrder}), or itself alone.
     *
     * <p>If {@code start} throws for a shard, the operations already started are cancelled and the exception
     * is thrown; no merged result exists then.
     */
    static <R, T> AsyncResult<T> across(String operation, List<String> shards,
            Function<String, ? extends AsyncResult<R>> start, Function<List<R>, T> merge, Early<R> early) {
        List<AsyncResult<R>> started = new ArrayList<>(shards.size());
        try {
            for (String shard : shards) {
                started.add(Objects.requireNonNull(start.apply(shard), () -> operation + " started nothing on shard '"
                        + shard + "'"));
            }
        } catch (RuntimeException | Error e) {
            started.forEach(AsyncResult::cancel);
            throw e;
        }
        Task<T> merged = new Task<>(operation, MetricsRecorder.NONE);
        merged.onCancel(() -> started.forEach(AsyncResult::cancel));
        new Collector<>(merged, shards, started, merge, early).listen();
        return merged;
    }

    /**
     * The error a merged result fails with when {@code shard} failed with {@code error}: names the shard and
     * its operation, caused by the original error.
     */
    static AsyncExecutionException shardFailure(String shard, String operation, Throwable error) {
        return new AsyncExecutionException(operation, "Shard '" + shard + "' failed (" + operation + "): "
                + describe(error), error);
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getSimpleName() + ": " + message;
    }

    /** Receives the shards' outcomes, in whatever order they come; the lock guards the slots. */
    private static final class Collector<R, T> {
        private final Task<T> merged;
        private final List<String> shards;
        private final List<AsyncResult<R>> results;
        private final Function<List<R>, T> merge;
        private final Early<R> early;
        private final ReentrantLock lock = new ReentrantLock();
        private final Object[] values;
        private final boolean[] arrived;
        private int unsettled;

        Collector(Task<T> merged, List<String> shards, List<AsyncResult<R>> results, Function<List<R>, T> merge,
                Early<R> early) {
            this.merged = merged;
            this.shards = shards;
            this.results = results;
            this.merge = merge;
            this.early = early;
            this.values = new Object[results.size()];
            this.arrived = new boolean[results.size()];
            this.unsettled = results.size();
        }

        void listen() {
            if (results.isEmpty()) {
                settle(this::mergeAll);
                merged.ended();
                return;
            }
            for (int i = 0; i < results.size(); i++) {
                int index = i;
                results.get(i).toCompletableFuture().whenComplete((value, error) -> arrive(index, value, error));
            }
        }

        private void arrive(int index, R value, Throwable error) {
            List<R> decided = null;
            boolean last;
            lock.lock();
            try {
                if (error == null) {
                    values[index] = value;
                    arrived[index] = true;
                    decided = decidedBy(index);
                }
                last = --unsettled == 0;
            } finally {
                lock.unlock();
            }
            if (error != null) {
                AsyncResult<R> shard = results.get(index);
                if (merged.fail(shardFailure(shards.get(index), shard.operation(), error))) {
                    cancelAllBut(index);
                }
            } else if (decided != null) {
                List<R> needed = decided;
                if (settle(() -> merge.apply(needed))) {
                    cancelAllBut(index);
                }
            } else if (last) {
                settle(this::mergeAll);
            }
            if (last) {
                merged.ended();
            }
        }

        /** The values that decide the result now that shard {@code index} answered, or null. Holds the lock. */
        @SuppressWarnings("unchecked") // every arrived slot holds the R its shard produced
        private List<R> decidedBy(int index) {
            if (!early.inOrder()) {
                R value = (R) values[index];
                return early.decisive().test(value) ? java.util.Collections.singletonList(value) : null;
            }
            for (int i = 0; i < values.length && arrived[i]; i++) {
                if (early.decisive().test((R) values[i])) {
                    return (List<R>) Arrays.asList(Arrays.copyOf(values, i + 1));
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked") // called once every slot holds the R its shard produced
        private T mergeAll() {
            return merge.apply((List<R>) Arrays.asList(values.clone()));
        }

        private boolean settle(java.util.function.Supplier<T> outcome) {
            if (merged.isDone()) {
                return false;
            }
            try {
                return merged.complete(outcome.get());
            } catch (RuntimeException | Error e) {
                return merged.fail(e);
            }
        }

        private void cancelAllBut(int index) {
            for (int i = 0; i < results.size(); i++) {
                if (i != index) {
                    results.get(i).cancel();
                }
            }
        }
    }
}
