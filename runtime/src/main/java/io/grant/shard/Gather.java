package io.grant.shard;

import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.Grant;
import io.grant.internal.GrantAccess;
import io.grant.internal.MetricsRecorder;
import io.grant.internal.Observer;
import io.grant.internal.Task;
import io.grant.internal.Timers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Scatter-gather: one result made of one operation per shard, all started at once.
 *
 * <p>Guarantees of the merged result:
 * <ol>
 *   <li>It settles exactly once, and only from every shard's outcome, never from the order in which they
 *       arrive: with {@code merge} of every shard's value, in shard order, when all succeeded; otherwise with
 *       the first shard failure, as an {@link AsyncExecutionException} naming that shard (the other shards are
 *       then cancelled). No value settles it early: a shard that fails always fails the merged result.
 *   <li>A shard whose operation cannot even start ({@code start} throws, e.g. its database is closed) is a
 *       failed shard like any other; the shards that did start are not lost. An
 *       {@link IllegalArgumentException} is the caller's bad input, not a shard's trouble: it is thrown at
 *       once, and what started is cancelled.
 *   <li>Cancelling it, or its {@code await(timeout)} running out, cancels every shard's operation.
 *   <li>Its work ends when every shard's result has settled, so an {@code AsyncScope} that owns it waits
 *       for all of them.
 *   <li>It is counted in no metrics: each shard's operation already is, on its own database.
 * </ol>
 *
 * <p>Observers see the fan-out ({@link Observer#fanOut}): the shards' operations are created inside it, and it ends
 * once every shard's result settled. Nothing is allocated for that when no observer watches fan-outs.
 */
final class Gather {

    private Gather() {}

    /**
     * Starts {@code start(shard)} for each shard and merges their values, in shard order, with {@code merge}.
     *
     * @throws IllegalArgumentException if {@code start} throws one (bad input, not a shard's trouble); the
     *     operations already started are then cancelled
     */
    static <R, T> AsyncResult<T> across(String operation, List<String> shards,
            Function<String, ? extends AsyncResult<R>> start, Function<List<R>, T> merge) {
        List<AsyncResult<R>> started = startAll(operation, shards, start);
        Task<T> merged = new Task<>(operation, MetricsRecorder.NONE);
        merged.onCancel(() -> started.forEach(AsyncResult::cancel));
        merged.describeTimeout(() -> unanswered(shards, started));
        new Collector<>(merged, shards, started, merge).listen();
        return merged;
    }

    /** "shards that had not answered: [eu]" for the shards whose result is not done yet; {@code null} if none. */
    private static String unanswered(List<String> shards, List<? extends AsyncResult<?>> started) {
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            if (!started.get(i).isDone()) {
                slow.add(shards.get(i));
            }
        }
        return slow.isEmpty() ? null : "shards that had not answered: " + slow;
    }

    /**
     * Like {@link #across}, but each shard has {@code shardTimeout} to answer: one that has not is timed out
     * (cancelled on its server, failed with an {@code AsyncTimeoutException} naming it) and left out. The result,
     * once every shard answered, failed or timed out, is the merge of the shards that answered, with which did and
     * which did not. It fails only if {@code merge} itself fails.
     */
    static <R, T> AsyncResult<Partial<T>> partial(String operation, List<String> shards,
            Function<String, ? extends AsyncResult<R>> start, Function<List<R>, T> merge, Duration shardTimeout) {
        List<AsyncResult<R>> started = startAll(operation, shards, start);
        timeEach(shards, started, shardTimeout);
        Task<Partial<T>> merged = new Task<>(operation, MetricsRecorder.NONE);
        merged.onCancel(() -> started.forEach(AsyncResult::cancel));
        CompletableFuture<?>[] settled = new CompletableFuture<?>[started.size()];
        for (int i = 0; i < settled.length; i++) {
            settled[i] = started.get(i).toCompletableFuture().handle((value, error) -> null);
        }
        CompletableFuture.allOf(settled).whenComplete((nothing, error) -> {
            List<String> answered = new ArrayList<>();
            List<R> values = new ArrayList<>();
            Map<String, Throwable> failed = new LinkedHashMap<>();
            for (int i = 0; i < started.size(); i++) {
                AsyncResult<R> result = started.get(i);
                if (result.state() == AsyncResult.State.SUCCESS) {
                    answered.add(shards.get(i));
                    values.add(result.toCompletableFuture().join());
                } else {
                    failed.put(shards.get(i), result.toCompletableFuture().exceptionNow());
                }
            }
            T value;
            try {
                value = merge.apply(values);
            } catch (RuntimeException | Error e) {
                merged.fail(e);
                return;
            }
            merged.complete(new Partial<>(value, failed.isEmpty(), List.copyOf(answered),
                    java.util.Collections.unmodifiableMap(failed)));
        });
        return merged;
    }

    /**
     * Times out each of {@code results} (one per shard of {@code shards}) still running after {@code timeout}: it is
     * cancelled on its server and fails with an {@code AsyncTimeoutException} naming its shard.
     */
    static void timeEach(List<String> shards, List<? extends AsyncResult<?>> results, Duration timeout) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof Task<?> task) {
                String shard = shards.get(i);
                task.describeTimeout(() -> "shard '" + shard + "' did not answer within " + timeout.toMillis() + " ms");
                ScheduledFuture<?> timer = Timers.after(timeout, () -> task.timeout(timeout));
                task.whenSettled(() -> timer.cancel(false));
            }
        }
    }

    /**
     * {@code start(shard)} for each shard, in order; a shard for which it throws anything but an
     * {@link IllegalArgumentException} (its database is closed, say) gets a failed result holding the exception.
     *
     * @throws IllegalArgumentException if {@code start} throws one; the operations already started are then
     *     cancelled
     */
    static <R> List<AsyncResult<R>> startAll(String operation, List<String> shards,
            Function<String, ? extends AsyncResult<R>> start) {
        Observer.FanOut fanOut = fanOut(operation, shards);
        List<AsyncResult<R>> started = new ArrayList<>(shards.size());
        try {
            for (String shard : shards) {
                started.add(startOn(operation, shard, start));
            }
        } catch (IllegalArgumentException e) {
            started.forEach(AsyncResult::cancel);
            fanOut.close();
            fanOut.ended(Map.of(shards.get(started.size()), e));
            throw e;
        }
        fanOut.close();
        if (fanOut != Observer.FanOut.NONE) {
            endWhenSettled(fanOut, shards, started);
        }
        return started;
    }

    /** The fan-out of the first shard whose database has an observer watching fan-outs (a trace), if any. */
    private static Observer.FanOut fanOut(String operation, List<String> shards) {
        for (String shard : shards) {
            Grant db = ShardManager.registered(shard);
            if (db != null) {
                Observer.FanOut fanOut = GrantAccess.get().observers(db).fanOut(operation, shards);
                if (fanOut != Observer.FanOut.NONE) {
                    return fanOut;
                }
            }
        }
        return Observer.FanOut.NONE;
    }

    /** Ends {@code fanOut} once every one of {@code results} settled, observing none of them. */
    private static void endWhenSettled(Observer.FanOut fanOut, List<String> shards,
            List<? extends AsyncResult<?>> results) {
        if (results.isEmpty()) {
            fanOut.ended(Map.of());
            return;
        }
        Throwable[] errors = new Throwable[results.size()];
        AtomicInteger unsettled = new AtomicInteger(results.size());
        for (int i = 0; i < results.size(); i++) {
            int index = i;
            AsyncResult<?> result = results.get(i);
            CompletableFuture<Throwable> outcome = result instanceof Task<?> task
                    ? task.settled().thenApply(settled -> task.failure())
                    : result.toCompletableFuture().handle((value, error) -> Task.unwrap(error));
            outcome.thenAccept(error -> {
                errors[index] = error instanceof CancellationException ? null : error;
                if (unsettled.decrementAndGet() == 0) {
                    Map<String, Throwable> failures = new LinkedHashMap<>();
                    for (int j = 0; j < errors.length; j++) {
                        if (errors[j] != null) {
                            failures.put(shards.get(j), errors[j]);
                        }
                    }
                    fanOut.ended(failures);
                }
            });
        }
    }

    private static <R> AsyncResult<R> startOn(String operation, String shard,
            Function<String, ? extends AsyncResult<R>> start) {
        try {
            return Objects.requireNonNull(start.apply(shard), () -> operation + " started nothing on shard '"
                    + shard + "'");
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            return Task.failedWith(onShard(operation, shard), e);
        }
    }

    /** The name of one shard's part of {@code operation}: {@code "User.count@*"} -> {@code "User.count@eu"}. */
    static String onShard(String operation, String shard) {
        String base = operation.endsWith("@*") ? operation.substring(0, operation.length() - 2) : operation;
        return base + "@" + shard;
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
        String type = error.getClass().getSimpleName().isEmpty() ? error.getClass().getName()
                : error.getClass().getSimpleName();
        String message = error.getMessage();
        return message == null ? type : type + ": " + message;
    }

    /** Receives the shards' outcomes, in whatever order they come; the lock guards the slots. */
    private static final class Collector<R, T> {
        private final Task<T> merged;
        private final List<String> shards;
        private final List<AsyncResult<R>> results;
        private final Function<List<R>, T> merge;
        private final ReentrantLock lock = new ReentrantLock();
        private final Object[] values;
        private int unsettled;
        private boolean failed;

        Collector(Task<T> merged, List<String> shards, List<AsyncResult<R>> results, Function<List<R>, T> merge) {
            this.merged = merged;
            this.shards = shards;
            this.results = results;
            this.merge = merge;
            this.values = new Object[results.size()];
            this.unsettled = results.size();
        }

        void listen() {
            if (results.isEmpty()) {
                settle(this::mergeAll);
                merged.endWork();
                return;
            }
            for (int i = 0; i < results.size(); i++) {
                int index = i;
                results.get(i).toCompletableFuture().whenComplete((value, error) -> arrive(index, value, error));
            }
        }

        private void arrive(int index, R value, Throwable error) {
            boolean last;
            boolean anyFailed;
            lock.lock();
            try {
                if (error == null) {
                    values[index] = value;
                } else {
                    failed = true;
                }
                last = --unsettled == 0;
                anyFailed = failed;
            } finally {
                lock.unlock();
            }
            if (error != null) {
                AsyncResult<R> shard = results.get(index);
                if (merged.failEarly(shardFailure(shards.get(index), shard.operation(), error))) {
                    cancelAllBut(index);
                }
            } else if (last && !anyFailed) { // a failure that arrived first settles it, even if it has not yet
                settle(this::mergeAll);
            }
            if (last) {
                merged.endWork();
            }
        }

        @SuppressWarnings("unchecked") // called once every slot holds the R its shard produced
        private T mergeAll() {
            return merge.apply((List<R>) Arrays.asList(values.clone()));
        }

        private boolean settle(java.util.function.Supplier<T> outcome) {
            if (merged.isDone()) {
                return false;
            }
            T value;
            try {
                value = outcome.get();
            } catch (RuntimeException | Error e) {
                return merged.fail(e);
            }
            return merged.complete(value);
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
