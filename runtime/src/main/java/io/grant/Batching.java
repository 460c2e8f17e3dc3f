package io.grant;

import java.time.Duration;
import java.util.Objects;

/**
 * How a database combines operations issued together ({@code Grant.builder().batching(...)}); immutable.
 *
 * <p>Operations are <em>issued together</em> when one thread creates them back to back, before it next waits
 * on Grant ({@code await}, {@code join}, {@code waitAll}, {@code onError}) and within {@link #window()} of the
 * latest one; or when they wait together for a connection. Issued together:
 * <ul>
 *   <li>aggregates ({@code count, sum, avg, min, max, exists}) of one model run as ONE statement, each with its
 *       own filter ({@code FILTER (WHERE ...)}, or its {@code CASE} emulation where the database lacks it);
 *   <li>{@code find}, {@code findOrThrow} and {@code findBy} on the same column of one model run as one
 *       {@code IN (...)} query (on PostgreSQL {@code = any(?)}), in chunks of at most {@link #maxCoalesce()};
 *   <li>other small reads go out in one round trip where the driver allows it (PostgreSQL), and otherwise run
 *       back to back on one connection.
 * </ul>
 * Each result gets exactly the value it would get alone; a failure, timeout or cancel of one never changes
 * another's outcome (a combined statement that fails is run again member by member). An operation awaited right
 * after it is created is sent at once, never held for the window.
 *
 * <pre>{@code
 * Grant.builder().batching(Batching.defaults().window(Duration.ofMillis(1)))   // or Batching.off()
 * }</pre>
 */
public final class Batching {

    private static final Duration DEFAULT_WINDOW = Duration.ofNanos(200_000);
    private static final Batching DEFAULTS = new Batching(true, DEFAULT_WINDOW, 1000, 64);
    private static final Batching OFF = new Batching(false, DEFAULT_WINDOW, 1, 1);

    private final boolean enabled;
    private final Duration window;
    private final int maxCoalesce;
    private final int maxPipeline;

    private Batching(boolean enabled, Duration window, int maxCoalesce, int maxPipeline) {
        this.enabled = enabled;
        this.window = window;
        this.maxCoalesce = maxCoalesce;
        this.maxPipeline = maxPipeline;
    }

    /** Batching on: a 200 µs window, up to 1000 lookups per coalesced query, up to 64 reads per round trip. */
    public static Batching defaults() {
        return DEFAULTS;
    }

    /** Batching off: one statement per operation, each sent as soon as a connection is free. */
    public static Batching off() {
        return OFF;
    }

    /**
     * How long operations created back to back on one thread are held for more to join them, counted from the
     * latest one (they are sent at once when the thread waits on Grant).
     *
     * @throws IllegalArgumentException if {@code window} is negative or longer than one second
     */
    public Batching window(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("window must be between 0 and 1 s, was " + window);
        }
        return new Batching(enabled, window, maxCoalesce, maxPipeline);
    }

    /**
     * At most this many lookups in one coalesced {@code IN (...)} query.
     *
     * @throws IllegalArgumentException if {@code lookups} is below 1 or above 10,000
     */
    public Batching maxCoalesce(int lookups) {
        if (lookups < 1 || lookups > 10_000) {
            throw new IllegalArgumentException("maxCoalesce must be between 1 and 10000, was " + lookups);
        }
        return new Batching(enabled, window, lookups, maxPipeline);
    }

    /**
     * At most this many statements in one round trip.
     *
     * @throws IllegalArgumentException if {@code statements} is below 1 or above 1,000
     */
    public Batching maxPipeline(int statements) {
        if (statements < 1 || statements > 1_000) {
            throw new IllegalArgumentException("maxPipeline must be between 1 and 1000, was " + statements);
        }
        return new Batching(enabled, window, maxCoalesce, statements);
    }

    /** Whether operations are combined at all. */
    public boolean enabled() {
        return enabled;
    }

    /** How long operations are held for others to join them, from the latest one. */
    public Duration window() {
        return window;
    }

    /** The largest number of lookups in one coalesced query. */
    public int maxCoalesce() {
        return maxCoalesce;
    }

    /** The largest number of statements sent in one round trip. */
    public int maxPipeline() {
        return maxPipeline;
    }

    @Override
    public String toString() {
        return enabled ? "Batching[window=" + window + ", maxCoalesce=" + maxCoalesce + ", maxPipeline="
                + maxPipeline + "]" : "Batching[off]";
    }
}
