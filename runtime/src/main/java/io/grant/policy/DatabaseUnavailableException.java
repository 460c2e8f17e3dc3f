package io.grant.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * An operation failed at once, without reaching the database, because the database's circuit breaker is open: most
 * of its recent calls failed to reach it. The message names the database (or shard) and when the breaker will let a
 * trial call through. It is the cause of the {@code AsyncExecutionException} that {@code await()} throws.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final transient Duration retryIn;

    /**
     * @param database the database or shard
     * @param retryIn how long until the breaker lets a trial call through ({@link Duration#ZERO} if it may now)
     * @param lastFailure the last connection failure the breaker counted, or {@code null}
     */
    public DatabaseUnavailableException(String database, Duration retryIn, Throwable lastFailure) {
        super("Database '" + database + "' is unavailable: its circuit breaker is open after repeated connection "
                + "failures" + (lastFailure == null ? "" : " (last: " + describe(lastFailure) + ")")
                + "; it lets a trial call through " + (retryIn.isZero() ? "now" : "in " + retryIn.toMillis() + " ms"),
                lastFailure);
        this.database = Objects.requireNonNull(database, "database");
        this.retryIn = Objects.requireNonNull(retryIn, "retryIn");
    }

    /** The database or shard that is unavailable. */
    public String database() {
        return database;
    }

    /** How long, when this was thrown, until the breaker lets a trial call through. */
    public Duration retryIn() {
        return retryIn;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
