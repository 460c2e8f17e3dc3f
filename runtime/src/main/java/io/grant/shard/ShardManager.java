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
 *
 * <p>A {@link ShardResolver} installed with {@link #resolver(ShardResolver)} maps keys to shards: for
 * {@code UserAsync.forKey(key)}, {@link #shardFor(Object)}, and {@code find(id)} of a model whose id is its
 * {@code @ShardKey}. Every name that reaches a shard, given or resolved, is checked: an unknown one fails
 * with {@link IllegalArgumentException} listing the registered shards.
 */
public final class ShardManager {

    private static final Object LOCK = new Object();
    private static volatile Map<String, Grant> shards = Map.of();
    private static volatile ShardResolver resolver;

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

    /** Removes every shard (their databases are not closed) and the resolver. */
    public static void clear() {
        synchronized (LOCK) {
            shards = Map.of();
            resolver = null;
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

    /** The database of shard {@code name}, or {@code null} if none is registered under it. */
    static Grant registered(String name) {
        return name == null ? null : shards.get(name);
    }

    /** Installs {@code resolver}, replacing any other, for routing by key. */
    public static void resolver(ShardResolver resolver) {
        ShardManager.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The installed resolver, if any. */
    public static Optional<ShardResolver> resolver() {
        return Optional.ofNullable(resolver);
    }

    /** Removes the installed resolver, if any. */
    public static void clearResolver() {
        resolver = null;
    }

    /**
     * The shard the installed resolver maps {@code key} to.
     *
     * @throws IllegalStateException if no resolver is installed
     * @throws IllegalArgumentException if the resolver cannot map {@code key}, or maps it to a shard that is
     *     not registered (the message lists the registered ones)
     */
    public static String shardFor(Object key) {
        ShardResolver installed = resolver;
        if (installed == null) {
            throw new IllegalStateException("No ShardResolver installed, so key " + key + " has no shard: call "
                    + "ShardManager.resolver(ShardResolver.hash(ShardManager.shards())) or "
                    + "ShardManager.resolver(ShardResolver.lookup(...)) first");
        }
        String name = installed.resolve(key);
        if (name == null || !shards.containsKey(name)) {
            String who = installed.getClass().isHidden() ? "The ShardResolver" : installed.toString();
            throw new IllegalArgumentException(who + " mapped key " + key + " to unknown shard '" + name
                    + "'; registered shards: " + shards.keySet());
        }
        return name;
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
