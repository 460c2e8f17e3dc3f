package io.grant.policy;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * When a database's circuit breaker opens and closes ({@code Grant.builder().circuitBreaker(...)}); one breaker per
 * {@code Grant}, so per shard. Built on Resilience4j's {@link CircuitBreakerConfig}. Immutable.
 *
 * <p>{@link #defaults()}: the breaker opens when at least half of the last 20 calls (at least 10 of them) failed with a
 * connection-class failure (SQLState class {@code 08}, {@code 57P01}-{@code 57P03}, {@code 53300}, no connection from
 * the pool); other failures (a syntax error, a constraint) count as calls that reached the database. While open,
 * calls fail at once with {@link DatabaseUnavailableException}, naming the database and when it will try again. After
 * 5 s it half-opens: one trial call goes through, and its success closes it.
 */
public final class BreakerPolicy {

    private static final BreakerPolicy DEFAULTS = new BreakerPolicy(true, 20, 10, 50f, Duration.ofSeconds(5));
    private static final BreakerPolicy DISABLED = new BreakerPolicy(false, 20, 10, 50f, Duration.ofSeconds(5));

    private final boolean enabled;
    private final int window;
    private final int minimumCalls;
    private final float failureRate;
    private final Duration openFor;

    private BreakerPolicy(boolean enabled, int window, int minimumCalls, float failureRate, Duration openFor) {
        this.enabled = enabled;
        this.window = window;
        this.minimumCalls = minimumCalls;
        this.failureRate = failureRate;
        this.openFor = openFor;
    }

    /** Opens at 50 % connection failures of the last 20 calls (10 at least); half-opens after 5 s. */
    public static BreakerPolicy defaults() {
        return DEFAULTS;
    }

    /** No breaker: every call tries the database. */
    public static BreakerPolicy disabled() {
        return DISABLED;
    }

    /**
     * How long the breaker stays open before it lets a trial call through.
     *
     * @throws IllegalArgumentException if {@code duration} is shorter than 1 ms or longer than an hour
     */
    public BreakerPolicy openFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.toMillis() < 1 || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("openFor must be between 1 ms and 1 hour, was " + duration);
        }
        return new BreakerPolicy(enabled, window, minimumCalls, failureRate, duration);
    }

    /**
     * The number of recent calls judged, and how many at least before the breaker may open.
     *
     * @throws IllegalArgumentException if {@code calls} is below 1, or {@code minimum} is below 1 or above {@code calls}
     */
    public BreakerPolicy window(int calls, int minimum) {
        if (calls < 1 || minimum < 1 || minimum > calls) {
            throw new IllegalArgumentException("window needs 1 <= minimum <= calls, was calls=" + calls + ", minimum="
                    + minimum);
        }
        return new BreakerPolicy(enabled, calls, minimum, failureRate, openFor);
    }

    /** Whether there is a breaker. */
    public boolean enabled() {
        return enabled;
    }

    /** How long the breaker stays open. */
    public Duration openFor() {
        return openFor;
    }

    /** The Resilience4j configuration of the breaker. */
    public CircuitBreakerConfig config() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(Failures::isConnectionFailure)
                .build();
    }

    @Override
    public String toString() {
        return enabled ? "BreakerPolicy[" + failureRate + "% of " + window + " calls (" + minimumCalls
                + " at least), open for " + openFor + "]" : "BreakerPolicy[disabled]";
    }
}
