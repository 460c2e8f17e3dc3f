package io.grant.shard;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps a shard key (the value of a model's {@code @ShardKey} field, or any key the application routes by)
 * to the name of a shard. Install one with {@link ShardManager#resolver(ShardResolver)}; then
 * {@code UserAsync.forKey(key)} runs on the key's shard.
 *
 * <pre>{@code
 * ShardManager.resolver(ShardResolver.hash(List.of("s1", "s2", "s3", "s4")));
 * Optional<User> user = UserAsync.forKey(userId).find(userId).await();
 * }</pre>
 *
 * <p>A resolver is called on the thread that builds the query, so it should answer at once; for a slow
 * lookup (a directory service), implement {@link AsyncShardResolver} and continue with
 * {@code resolveAsync(key).flatMap(shard -> UserAsync.onShard(shard).find(key))}.
 */
@FunctionalInterface
public interface ShardResolver {

    /**
     * The name of the shard that holds {@code key}.
     *
     * @throws IllegalArgumentException if the key cannot be mapped (null, or of a type the resolver cannot use)
     */
    String resolve(Object key);

    /**
     * A resolver that spreads keys evenly over {@code shards} by rendezvous (highest random weight) hashing:
     * a key goes to the shard {@code s} with the highest {@code XXH64(bytes(key), seed = XXH64(s))}.
     *
     * <ul>
     *   <li>Stable: the same names always map a key to the same shard, in every process and release (the
     *       hash and the keys' canonical bytes are fixed; the order of the list does not matter).
     *   <li>Balanced: each of {@code n} shards gets about {@code 1/n} of the keys.
     *   <li>Consistent: adding an {@code n+1}th shard moves only the keys it takes over, about
     *       {@code 1/(n+1)} of them, and each of them to the new shard; removing a shard moves only its own
     *       keys. (A {@code hashCode() % n} scheme would move most keys.)
     * </ul>
     *
     * <p>Keys may be integral numbers ({@code 42} and {@code 42L} map alike), text, enums, UUIDs or
     * {@code byte[]}; other types fail with {@link IllegalArgumentException}.
     *
     * @throws IllegalArgumentException if {@code shards} is empty, or has a blank or repeated name
     */
    static ShardResolver hash(List<String> shards) {
        return new HashResolver(shards);
    }

    /**
     * A resolver that asks {@code directory} (a map, a table held in memory, a rule), e.g.
     * {@code ShardResolver.lookup(key -> tenants.get(key))}.
     *
     * @throws IllegalArgumentException from {@link #resolve} if {@code directory} has no shard for a key
     */
    static ShardResolver lookup(Function<Object, String> directory) {
        Objects.requireNonNull(directory, "directory");
        return key -> {
            if (key == null) {
                throw new IllegalArgumentException("A shard key must not be null");
            }
            String shard = directory.apply(key);
            if (shard == null) {
                throw new IllegalArgumentException("The shard directory has no shard for key " + key);
            }
            return shard;
        };
    }
}
