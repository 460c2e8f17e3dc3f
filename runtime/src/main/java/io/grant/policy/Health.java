package io.grant.policy;

/**
 * A database's health now ({@code db.health()}).
 *
 * @param status {@link Status#UP}, {@link Status#DEGRADED} or {@link Status#DOWN}
 * @param breakerState where its circuit breaker stands
 * @param activeConnections connections in use ({@code -1} when the pool is not a HikariCP pool)
 * @param idleConnections connections idle in the pool ({@code -1} when not known)
 * @param waitingOperations operations waiting for a connection
 */
public record Health(Status status, BreakerState breakerState, int activeConnections, int idleConnections,
        int waitingOperations) {

    /** How a database is doing. */
    public enum Status {
        /** Calls go through. */
        UP,
        /**
         * Calls go through, but not all is well: the breaker is half-open (a trial call decides), or operations
         * recently ran out of time while still waiting for a connection.
         */
        DEGRADED,
        /** The breaker is open: calls fail at once. */
        DOWN
    }
}
