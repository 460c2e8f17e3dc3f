package io.grant.shard;

import io.grant.async.AsyncResult;
import io.grant.internal.Task;
import java.util.Objects;

/**
 * A shard resolver that may take time to answer, such as a directory service; use it to route before
 * building the query:
 *
 * <pre>{@code
 * AsyncResult<Optional<User>> user = directory.resolveAsync(userId)
 *     .flatMap(shard -> UserAsync.onShard(shard).find(userId));
 * }</pre>
 */
@FunctionalInterface
public interface AsyncShardResolver {

    /** The name of the shard that holds {@code key}; a key that cannot be mapped fails the result. */
    AsyncResult<String> resolveAsync(Object key);

    /** {@code resolver} as an async resolver: its answer (or its error) as a result that is already done. */
    static AsyncShardResolver of(ShardResolver resolver) {
        Objects.requireNonNull(resolver, "resolver");
        return key -> {
            String operation = "ShardResolver.resolve(" + key + ")";
            try {
                return Task.succeeded(operation, resolver.resolve(key));
            } catch (RuntimeException e) {
                return Task.failedWith(operation, e);
            }
        };
    }
}
