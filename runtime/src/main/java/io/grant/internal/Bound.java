package io.grant.internal;

import java.util.function.Supplier;

/**
 * The connections a thread's operations are bound to: for each database, the transaction or consistent scope that
 * runs every operation created on the thread for that database ({@link Channels}). Work handed to another thread on
 * behalf of the code inside ({@code AsyncScope.fork}, {@code AsyncResult.supply}, the functions given to
 * {@code map}/{@code flatMap}/{@code recover}) takes the bindings in force when it was handed over, like the shard
 * ({@link ShardContext}), so nothing created inside a transaction escapes it. Immutable; not API.
 */
public final class Bound {

    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();

    private final Dispatcher dispatcher;
    private final Channels channels;
    private final Bound next;

    private Bound(Dispatcher dispatcher, Channels channels, Bound next) {
        this.dispatcher = dispatcher;
        this.channels = channels;
        this.next = next;
    }

    /** The bindings in force on this thread, or {@code null}. */
    public static Bound current() {
        return CURRENT.get();
    }

    /** Where this thread's operations for {@code dispatcher}'s database run, or {@code null}: as usual. */
    static Channels channelsFor(Dispatcher dispatcher) {
        for (Bound bound = CURRENT.get(); bound != null; bound = bound.next) {
            if (bound.dispatcher == dispatcher) {
                return bound.channels;
            }
        }
        return null;
    }

    /** {@code outer} ({@code null}: none) plus {@code channels} for {@code dispatcher}'s database, ahead of an outer one. */
    static Bound with(Bound outer, Dispatcher dispatcher, Channels channels) {
        return new Bound(dispatcher, channels, outer);
    }

    /** Sets the bindings of this thread ({@code null}: none) and returns those it replaces. */
    public static Bound set(Bound bound) {
        Bound previous = CURRENT.get();
        if (bound == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(bound);
        }
        return previous;
    }

    /** Runs {@code work} with {@code bound} in force on this thread, then puts back what was in force before. */
    public static <T> T call(Bound bound, Supplier<T> work) {
        Bound previous = set(bound);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }
}
