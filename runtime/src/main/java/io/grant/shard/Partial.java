package io.grant.shard;

import java.util.List;
import java.util.Map;

/**
 * A value merged over the shards that answered in time ({@code acrossShards().partial(shardTimeout)}), by the same
 * rules as {@link ShardedQuery}, with which shards answered and which did not.
 *
 * <pre>{@code
 * Partial<Long> active = UserAsync.acrossShards().where(UserAsync.ACTIVE.isTrue())
 *     .partial(Duration.ofMillis(200)).count().await();
 * if (!active.complete()) log.warn("count without {}", active.failed().keySet());
 * }</pre>
 *
 * @param value the merge over the shards that answered (over none: the merge of nothing, e.g. a count of 0)
 * @param complete whether every shard answered
 * @param answered the shards that answered, in shard order
 * @param failed the shards that did not, in shard order, each with why: its error, or an
 *     {@link io.grant.async.AsyncTimeoutException} naming it when it ran past the shard timeout (its statement was then
 *     cancelled on its server)
 * @param <R> the type of the value
 */
public record Partial<R>(R value, boolean complete, List<String> answered, Map<String, Throwable> failed) {}
