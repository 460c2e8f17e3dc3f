package io.grant.metrics;

import io.grant.internal.MetricsRecorder;

/**
 * Counts what the operations of one database (or of all of them, {@link #global()}) did.
 *
 * <p>Every operation is counted once in {@link #totalOperations()} when it is created, and ends in at most
 * one of {@link #failedOperations()}, {@link #timedOutOperations()} and {@link #cancelledOperations()}
 * (an operation that succeeds is in none of them). {@link #activeOperations()} counts operations whose work
 * has not ended yet: waiting for a permit, running, or stopping after a cancel. A cancelled statement stays
 * active until the database has really stopped it.
 *
 * <p>To publish these numbers to Micrometer, bind them with {@link GrantMeterBinder}.
 */
public interface AsyncMetrics {

    /** Operations created, whatever became of them. */
    long totalOperations();

    /** Operations whose work has not ended yet. */
    long activeOperations();

    /** Operations that ended with an error (not counting timeouts and cancellations). */
    long failedOperations();

    /** Operations cancelled because they ran out of time ({@code await(timeout)} or the default timeout). */
    long timedOutOperations();

    /** Operations cancelled by {@code cancel()} or by an {@code AsyncScope} (not counting timeouts). */
    long cancelledOperations();

    /**
     * Statements sent to the database: one per operation without batching; one for several operations when
     * they were fused or coalesced. Statements that a failed combined statement caused to be run again alone are
     * counted too.
     */
    long statements();

    /** Round trips to the database: several statements pipelined together are one round trip. */
    long roundTrips();

    /** The sum over every database, plus work started with {@code AsyncResult.supply} or {@code AsyncScope.fork}. */
    static AsyncMetrics global() {
        return MetricsRecorder.GLOBAL;
    }
}
