package io.grant.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.grant.policy.BreakerPolicy;
import io.grant.policy.BreakerState;
import io.grant.policy.DatabaseUnavailableException;
import io.grant.policy.Failures;
import io.grant.policy.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The failure policies of one database, on Resilience4j: its circuit breaker and its retry. The dispatcher asks it
 * whether a call may go to the database at all, tells it how each call went, and asks whether a failed operation is
 * run again and after how long. Not API.
 *
 * <p>The breaker counts one call per unit of work a lane runs (a statement, a pipeline, an operation alone), and per
 * attempt to get a connection; only connection-class failures count against it. A retry waits off any thread (a
 * timer puts the operation back in the queue), never past the operation's deadline.
 */
final class Resilience {

    private final String database;
    private final CircuitBreaker breaker;
    private final Duration openFor;
    private final Retry retry;
    private final boolean retryWrites;
    private volatile Throwable lastConnectionFailure;
    private volatile long openedAtNanos;

    Resilience(String database, RetryPolicy retryPolicy, BreakerPolicy breakerPolicy) {
        this.database = database;
        this.breaker = breakerPolicy.enabled() ? CircuitBreaker.of(database, breakerPolicy.config()) : null;
        if (breaker != null) {
            breaker.getEventPublisher().onStateTransition(event -> {
                if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                    openedAtNanos = System.nanoTime();
                }
            });
        }
        this.openFor = breakerPolicy.openFor();
        this.retry = retryPolicy.maxAttempts() > 1 ? Retry.of(database, retryPolicy.config()) : null;
        this.retryWrites = retryPolicy.retriesWrites();
    }

    /** The breaker's state now. */
    BreakerState state() {
        if (breaker == null) {
            return BreakerState.DISABLED;
        }
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case DISABLED, METRICS_ONLY -> BreakerState.DISABLED;
            case CLOSED -> BreakerState.CLOSED;
        };
    }

    /**
     * At submit: the failure to fail an operation with at once because the breaker is open, or {@code null} to go on.
     * A breaker whose wait is over half-opens here; the trial call itself is let through when a lane runs it.
     */
    DatabaseUnavailableException refusal(String where) {
        if (breaker == null || breaker.getState() != CircuitBreaker.State.OPEN) {
            return null;
        }
        if (breaker.tryAcquirePermission()) {
            breaker.releasePermission(); // half-open now: the lane asks again when it runs the call
            return null;
        }
        return unavailable(where);
    }

    /** For a lane, before it calls the database: whether it may (the breaker lets the call through). */
    boolean mayCall() {
        return breaker == null || breaker.tryAcquirePermission();
    }

    /** The failure of a call the breaker did not let through. */
    DatabaseUnavailableException unavailable(String where) {
        Duration retryIn = Duration.ZERO;
        if (breaker != null && breaker.getState() == CircuitBreaker.State.OPEN) {
            Duration open = Duration.ofNanos(System.nanoTime() - openedAtNanos);
            retryIn = open.compareTo(openFor) >= 0 ? Duration.ZERO : openFor.minus(open);
        }
        return new DatabaseUnavailableException(where, retryIn, lastConnectionFailure);
    }

    /** A call the breaker let through ended after {@code nanos}: {@code failure} when it failed, else {@code null}. */
    void record(long nanos, Throwable failure) {
        if (breaker == null) {
            return;
        }
        if (failure != null && Failures.isConnectionFailure(failure)) {
            lastConnectionFailure = failure;
            breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A call let through was not made after all (its members left before it ran). */
    void released() {
        if (breaker != null) {
            breaker.releasePermission();
        }
    }

    /**
     * How long to wait before running {@code pending} again after it failed with {@code error}, or {@code -1} not to:
     * only a transient failure, of a read (or of a write when writes are retried), with attempts left, and a wait that
     * ends before the operation's deadline ({@code deadlineNanos}, {@link Long#MAX_VALUE} for none).
     */
    long retryDelayMillis(Pending<?> pending, Throwable error, long deadlineNanos) {
        if (retry == null || !pending.isLive() || !pending.operation().retriable()
                || !(pending.operation().readOnly() || retryWrites)
                || !Failures.isTransient(error) || error instanceof DatabaseUnavailableException) {
            return -1;
        }
        long delay = pending.retryContext(retry).onError(error);
        if (delay < 0) {
            return -1;
        }
        if (deadlineNanos != Long.MAX_VALUE
                && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) - deadlineNanos >= 0) {
            return -1; // the next attempt could not finish in time
        }
        return delay;
    }

    @Override
    public String toString() {
        return "Resilience[" + database + ", breaker=" + state() + ", retry=" + (retry != null) + "]";
    }
}
