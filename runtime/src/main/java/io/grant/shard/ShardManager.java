package io.grant.shard;

import io.grant.Grant;
import io.grant.internal.ShardContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registered shards (each a {@link Grant}) and the shard in force on the current thread.
 *
 * <p>A result created inside {@link #withShard(String, Supplier)} runs on that shard even if its virtual
 * thread starts, or it is awaited, after {@code withShard} returned: operations read the shard when they are
 * created, never later. Models with an explicit {@code @GrantModel(connection = ...)} are never routed by
 * shard.
 */
public final class ShardManager {

    private static final Object LOCK = new Object();
    private static volatile Map<String, Grant> shards = Map.of();

    private ShardManager() {}

    /** Registers {@code db} as shard {@code name}; registering a name again replaces it (keeping its place). */
    public static void register(String name, Grant db) {
        requireName(name);
        Objects.requireNonNull(db, "db");
        synchronized (LOCK) {
            Map<String, Grant> next = new LinkedHashMap<>(shards);
            next.put(name, db);
            shards = java.util.Collections.unmodifiableMap(next);
        }
    }

    /** Removes shard {@code name}, if registered, and returns its database (not closed). */
    public static Optional<Grant> unregister(String name) {
        requireName(name);
        synchronized (LOCK) {
            Map<String, Grant> next = new LinkedHashMap<>(shards);
            Grant removed = next.remove(name);
            shards = java.util.Collections.unmodifiableMap(next);
            return Optional.ofNullable(removed);
        }
    }

    /** Removes every shard (their databases are not closed). */
    public static void clear() {
        synchronized (LOCK) {
            shards = Map.of();
        }
    }

    /** The registered shard names, in registration order. */
    public static List<String> shards() {
        return List.copyOf(shards.keySet());
    }

    /**
     * The database of shard {@code name}.
     *
     * @throws IllegalArgumentException listing the registered shards if {@code name} is not one of them
     */
    public static Grant shard(String name) {
        Objects.requireNonNull(name, "shard");
        Map<String, Grant> current = shards;
        Grant db = current.get(name);
        if (db == null) {
            throw new IllegalArgumentException("Unknown shard '" + name + "'; registered shards: "
                    + current.keySet() + " (register it with ShardManager.register(\"" + name + "\", db))");
        }
        return db;
    }

    /** The shard in force on this thread, if inside {@code withShard}. */
    public static Optional<String> current() {
        return Optional.ofNullable(ShardContext.current());
    }

    /**
     * Runs {@code work} with {@code shard} in force on this thread and returns what it returns.
     *
     * @throws IllegalArgumentException if {@code shard} is not registered
     */
    public static <T> T withShard(String shard, Supplier<T> work) {
        shard(shard);
        Objects.requireNonNull(work, "work");
        String previous = ShardContext.set(shard);
        try {
            return work.get();
        } finally {
            ShardContext.set(previous);
        }
    }

    /**
     * Runs {@code work} with {@code shard} in force on this thread.
     *
     * @throws IllegalArgumentException if {@code shard} is not registered
     */
    public static void withShard(String shard, Runnable work) {
        Objects.requireNonNull(work, "work");
        withShard(shard, () -> {
            work.run();
            return null;
        });
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("shard name must not be blank");
        }
    }
}
