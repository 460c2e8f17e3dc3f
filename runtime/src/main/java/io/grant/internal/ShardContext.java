package io.grant.internal;

/**
 * The shard in force on the current thread, set by {@code ShardManager.withShard}. Operations read it when
 * they are created, never later, so a result created inside {@code withShard} runs on that shard wherever
 * and whenever its thread runs. Not API.
 */
public final class ShardContext {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ShardContext() {}

    /** The current shard, or {@code null} outside {@code withShard}. */
    public static String current() {
        return CURRENT.get();
    }

    /** Sets the current shard ({@code null} for none) and returns the one it replaces. */
    public static String set(String shard) {
        String previous = CURRENT.get();
        if (shard == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(shard);
        }
        return previous;
    }
}
