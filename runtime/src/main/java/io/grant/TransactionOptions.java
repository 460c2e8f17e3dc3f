package io.grant;

import java.time.Duration;
import java.util.Objects;

/**
 * How a transaction runs: its isolation level, whether it only reads, its time limit, and how often it is run again
 * after a serialization failure or deadlock. Immutable.
 *
 * <pre>{@code
 * db.transaction(TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE).retries(3)
 *         .timeout(Duration.ofSeconds(5)), tx -> ...);
 * }</pre>
 */
public final class TransactionOptions {

    private static final TransactionOptions DEFAULTS = new TransactionOptions(null, false, null, 0);

    private final Isolation isolation;
    private final boolean readOnly;
    private final Duration timeout;
    private final int retries;

    private TransactionOptions(Isolation isolation, boolean readOnly, Duration timeout, int retries) {
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.timeout = timeout;
        this.retries = retries;
    }

    /** The database's default isolation level, read and write, no time limit but the database's, no retry. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /** The isolation level. */
    public TransactionOptions isolation(Isolation level) {
        return new TransactionOptions(Objects.requireNonNull(level, "isolation"), readOnly, timeout, retries);
    }

    /** A read-only transaction: the database refuses its writes. */
    public TransactionOptions readOnly() {
        return new TransactionOptions(isolation, true, timeout, retries);
    }

    /**
     * A time limit for the whole transaction, from its start: past it, its running statement is cancelled on the
     * server, it rolls back, and its result times out.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    public TransactionOptions timeout(Duration limit) {
        Objects.requireNonNull(limit, "timeout");
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + limit);
        }
        return new TransactionOptions(isolation, readOnly, limit, retries);
    }

    /**
     * Runs the whole work again, up to {@code times} more times, after a serialization failure or a deadlock (SQLState
     * 40001 or 40P01, MariaDB's 1213), and after nothing else.
     *
     * @throws IllegalArgumentException if {@code times} is negative or above 100
     */
    public TransactionOptions retries(int times) {
        if (times < 0 || times > 100) {
            throw new IllegalArgumentException("retries must be between 0 and 100, was " + times);
        }
        return new TransactionOptions(isolation, readOnly, timeout, times);
    }

    /** The isolation level, or {@code null} for the database's default. */
    public Isolation isolation() {
        return isolation;
    }

    /** Whether the transaction only reads. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** The time limit, or {@code null} for none. */
    public Duration timeout() {
        return timeout;
    }

    /** How many more times the work may run after a serialization failure or deadlock. */
    public int retries() {
        return retries;
    }

    @Override
    public String toString() {
        return "TransactionOptions[isolation=" + (isolation == null ? "default" : isolation) + (readOnly ? ", read-only"
                : "") + (timeout == null ? "" : ", timeout=" + timeout) + ", retries=" + retries + "]";
    }
}
