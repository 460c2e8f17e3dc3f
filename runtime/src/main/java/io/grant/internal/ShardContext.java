package io.grant.internal;

import java.util.function.Supplier;

/**
 * The shard in force on the current thread, set by {@code ShardManager.withShard}. Operations read it when
 * they are created, never later, so a result created inside {@code withShard} runs on that shard wherever
 * and whenever its thread runs. Work that runs later on another thread on behalf of code that was inside
 * {@code withShard} (the callable of {@code AsyncResult.supply}, the functions given to {@code map},
 * {@code flatMap} and {@code recover}) gets the shard that was in force when it was handed over, through
 * {@link #call(String, Supplier)}. Not API.
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

    /**
     * Runs {@code work} with {@code shard} ({@code null} for none) in force on this thread, then puts back
     * what was in force before: how work handed to another thread keeps the shard of the code that handed it.
     */
    public static <T> T call(String shard, Supplier<T> work) {
        String previous = set(shard);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }
}
