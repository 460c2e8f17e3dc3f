package io.grant.policy;

/** Where a database's circuit breaker stands. */
public enum BreakerState {
    /** Calls go through; connection failures are counted. */
    CLOSED,
    /** Calls fail at once with {@link DatabaseUnavailableException}, until the breaker half-opens. */
    OPEN,
    /** A trial call goes through; its success closes the breaker, its failure opens it again. */
    HALF_OPEN,
    /** The database has no breaker ({@link BreakerPolicy#disabled()}). */
    DISABLED
}
