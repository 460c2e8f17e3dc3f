package io.grant.shard;

import io.grant.async.AsyncResult;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs the same work on several shards at once, each inside {@link ShardManager#withShard}, and keeps every
 * shard's result apart ({@link ShardedResults}). For one merged value, use {@link ShardedQuery} instead.
 *
 * <pre>{@code
 * ShardedResults<Long> active = ShardedAsyncExecutor.executeAcrossShards(
 *     List.of("us_east", "us_west", "eu"), shard -> UserAsync.where(UserAsync.ACTIVE.isTrue()).count());
 * }</pre>
 */
public final class ShardedAsyncExecutor {

    private ShardedAsyncExecutor() {}

    /**
     * Calls {@code work} once per shard, in order, inside {@code withShard(shard, ...)}, so that what it
     * creates runs on that shard; the operations run at the same time. If {@code work} throws for a shard (its
     * database is closed, say), that shard's result is a failed one holding the exception, and the other
     * shards still run: one shard never keeps the others from answering.
     *
     * @throws IllegalArgumentException before anything starts, if a shard is unknown (listing the registered
     *     ones) or listed twice; or whatever {@code work} throws of it (bad input), the operations already
     *     started then being cancelled
     */
    public static <T> ShardedResults<T> executeAcrossShards(List<String> shards,
            Function<? super String, ? extends AsyncResult<T>> work) {
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(work, "work");
        Set<String> seen = new HashSet<>();
        for (String shard : shards) {
            ShardManager.shard(shard);
            if (!seen.add(shard)) {
                throw new IllegalArgumentException("shard '" + shard + "' is listed twice: " + shards);
            }
        }
        List<AsyncResult<T>> started = Gather.startAll("executeAcrossShards", shards,
                shard -> ShardManager.withShard(shard, () -> work.apply(shard)));
        Map<String, AsyncResult<T>> results = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            results.put(shards.get(i), started.get(i));
        }
        return new ShardedResults<>(results);
    }

    /**
     * {@link #executeAcrossShards(List, Function)} with a time limit per shard: a shard's result that has not settled
     * within {@code shardTimeout} is timed out (its statement cancelled on its server) and fails with an
     * {@link io.grant.async.AsyncTimeoutException} whose operation names the shard ({@code "User.count@eu"}).
     *
     * @throws IllegalArgumentException if {@code shardTimeout} is not positive, or as the other overload
     */
    public static <T> ShardedResults<T> executeAcrossShards(List<String> shards, java.time.Duration shardTimeout,
            Function<? super String, ? extends AsyncResult<T>> work) {
        Objects.requireNonNull(shardTimeout, "shardTimeout");
        if (shardTimeout.isNegative() || shardTimeout.isZero()) {
            throw new IllegalArgumentException("shardTimeout must be positive, was " + shardTimeout);
        }
        ShardedResults<T> results = executeAcrossShards(shards, work);
        Gather.timeEach(results.shards(), List.copyOf(results.results().values()), shardTimeout);
        return results;
    }

    /** {@link #executeAcrossShards(List, Function)} on every registered shard, in registration order. */
    public static <T> ShardedResults<T> executeAcrossShards(Function<? super String, ? extends AsyncResult<T>> work) {
        return executeAcrossShards(ShardManager.shards(), work);
    }
}
