package io.grant.async;

import java.time.Duration;
import java.util.Objects;

/**
 * An operation did not finish within its time limit. By the time this is thrown the operation has been
 * cancelled: a running statement is cancelled on the database server, not merely abandoned.
 */
public final class AsyncTimeoutException extends AsyncException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * @param operation the operation that timed out
     * @param timeout the limit it exceeded
     */
    public AsyncTimeoutException(String operation, Duration timeout) {
        super(operation, "Async operation '" + operation + "' timed out after " + format(timeout), null);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * @param operation the operation that timed out
     * @param message what timed out, in more words than the default message
     * @param timeout the limit it exceeded
     */
    public AsyncTimeoutException(String operation, String message, Duration timeout) {
        super(operation, message, null);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The time limit the operation exceeded. */
    public Duration timeout() {
        return timeout;
    }

    static String format(Duration timeout) {
        if (timeout == null) {
            return "?";
        }
        long millis = timeout.toMillis();
        return millis < 10_000 ? millis + " ms" : timeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
