package io.grant.bench.suite.parallel;

import io.grant.bench.ShardFanOut;
import io.grant.bench.suite.TimedPeer;
import java.util.function.ToLongFunction;

/**
 * A count over {@link ShardFanOut}'s 8 shards, whose queries wait 25, 50, ... 200 ms on the server:
 * {@code acrossShards().count()} over all of them, or the same count on the slowest shard alone. The fan-out
 * should take about as long as the slowest shard.
 */
final class ShardCount extends TimedPeer<Integer> {

    private final ShardFanOut.Shards shards;
    private final ToLongFunction<ShardFanOut.Shards> count;

    ShardCount(String name, ShardFanOut.Shards shards, ToLongFunction<ShardFanOut.Shards> count) {
        super(name);
        this.shards = shards;
        this.count = count;
    }

    @Override
    protected Object run(Integer round) {
        return count.applyAsLong(shards);
    }
}
