package io.grant.shard;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ShardResolver#hash}: rendezvous hashing over XXH64. Each shard's seed is computed once; resolving
 * hashes the key's canonical bytes once per shard and keeps the highest weight (unsigned; a tie, which
 * needs two equal 64-bit hashes, goes to the shard listed first). Immutable and thread-safe.
 */
final class HashResolver implements ShardResolver {

    private final List<String> shards;
    private final long[] seeds;

    HashResolver(List<String> shards) {
        Objects.requireNonNull(shards, "shards");
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("ShardResolver.hash needs at least one shard");
        }
        Set<String> seen = new HashSet<>();
        for (String shard : shards) {
            Objects.requireNonNull(shard, "shard");
            if (shard.isBlank()) {
                throw new IllegalArgumentException("shard names must not be blank: " + shards);
            }
            if (!seen.add(shard)) {
                throw new IllegalArgumentException("shard '" + shard + "' is listed twice: " + shards);
            }
        }
        this.shards = List.copyOf(shards);
        this.seeds = new long[shards.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = KeyHash.xxh64(this.shards.get(i).getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    @Override
    public String resolve(Object key) {
        byte[] bytes = KeyHash.canonicalBytes(key);
        int best = 0;
        long bestWeight = KeyHash.xxh64(bytes, seeds[0]);
        for (int i = 1; i < seeds.length; i++) {
            long weight = KeyHash.xxh64(bytes, seeds[i]);
            if (Long.compareUnsigned(weight, bestWeight) > 0) {
                best = i;
                bestWeight = weight;
            }
        }
        return shards.get(best);
    }

    @Override
    public String toString() {
        return "ShardResolver.hash" + shards;
    }
}
