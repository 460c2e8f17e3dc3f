package io.grant.policy;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Which failed operations a database runs again, how often and how soon ({@code Grant.builder().retry(...)}); built on
 * Resilience4j's {@link RetryConfig}. Immutable.
 *
 * <p>Only transient failures are retried: a lost or refused connection (SQLState class {@code 08}), a serialization
 * failure ({@code 40001}) or deadlock ({@code 40P01}, MariaDB's 1213), a server shutting down or restarting
 * ({@code 57P01} to {@code 57P03}), too many connections ({@code 53300}), and no connection to be had from the pool.
 * Never: a timeout or cancel the caller asked for, a constraint violation, a syntax error, or anything else.
 *
 * <p>{@link #defaults()}: reads only, 3 attempts in all, exponential backoff from 50 ms (doubling, with ±50 % jitter),
 * and never a wait that would end past the operation's deadline. Writes ({@code update}, {@code delete},
 * {@code touchAll}, {@code insert}, custom work) are retried only with {@link #retryWrites(boolean) retryWrites(true)}:
 * a write whose connection broke may have been committed.
 *
 * <pre>{@code
 * Grant.builder().retry(RetryPolicy.defaults().maxAttempts(5).retryWrites(true))
 * Grant.builder().retry(RetryPolicy.none())
 * Grant.builder().retry(RetryPolicy.of(RetryConfig.custom().maxAttempts(4).build()))   // full control
 * }</pre>
 */
public final class RetryPolicy {

    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(50);
    private static final RetryPolicy DEFAULTS = new RetryPolicy(3, INITIAL_BACKOFF, false, null);
    private static final RetryPolicy NONE = new RetryPolicy(1, INITIAL_BACKOFF, false, null);

    private final int maxAttempts;
    private final Duration backoff;
    private final boolean retryWrites;
    private final RetryConfig custom;

    private RetryPolicy(int maxAttempts, Duration backoff, boolean retryWrites, RetryConfig custom) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.retryWrites = retryWrites;
        this.custom = custom;
    }

    /** Reads only, 3 attempts, exponential backoff from 50 ms with jitter, within the deadline. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** Nothing is retried. */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * Full control through a Resilience4j configuration: its attempts, interval function and exception predicate. The
     * predicate is asked only about transient failures (Grant never retries anything else), and only reads are
     * retried unless {@link #retryWrites(boolean)}.
     */
    public static RetryPolicy of(RetryConfig config) {
        Objects.requireNonNull(config, "config");
        return new RetryPolicy(config.getMaxAttempts(), INITIAL_BACKOFF, false, config);
    }

    /**
     * How many attempts in all, the first included.
     *
     * @throws IllegalArgumentException if {@code attempts} is below 1 or above 100
     */
    public RetryPolicy maxAttempts(int attempts) {
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 100, was " + attempts);
        }
        return new RetryPolicy(attempts, backoff, retryWrites,
                custom == null ? null : RetryConfig.from(custom).maxAttempts(attempts).build());
    }

    /**
     * The wait before the second attempt; each further wait doubles, with ±50 % jitter.
     *
     * @throws IllegalArgumentException if {@code initial} is negative or longer than a minute
     */
    public RetryPolicy backoff(Duration initial) {
        Objects.requireNonNull(initial, "initial");
        if (initial.isNegative() || initial.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("backoff must be between 0 and 1 minute, was " + initial);
        }
        return new RetryPolicy(maxAttempts, initial, retryWrites, custom);
    }

    /** Whether writes are retried too (a write whose connection broke may have been committed: make it idempotent). */
    public RetryPolicy retryWrites(boolean writes) {
        return new RetryPolicy(maxAttempts, backoff, writes, custom);
    }

    /** How many attempts in all. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether writes are retried. */
    public boolean retriesWrites() {
        return retryWrites;
    }

    /** The Resilience4j configuration this policy runs with: transient failures only, with its backoff. */
    public RetryConfig config() {
        if (custom != null) {
            return RetryConfig.from(custom)
                    .retryOnException(error -> Failures.isTransient(error) && custom.getExceptionPredicate().test(error))
                    .build();
        }
        return RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(backoff.isZero() ? IntervalFunction.of(Duration.ZERO)
                        : IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.5))
                .retryOnException(Failures::isTransient)
                .build();
    }

    @Override
    public String toString() {
        return maxAttempts <= 1 ? "RetryPolicy[none]" : "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff="
                + backoff + (retryWrites ? ", writes too" : ", reads only") + (custom != null ? ", custom" : "") + "]";
    }
}
