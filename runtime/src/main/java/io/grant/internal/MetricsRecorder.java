package io.grant.internal;

import io.grant.metrics.AsyncMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link AsyncMetrics}. A database's recorder forwards every event to its parent (the
 * global one), so {@link AsyncMetrics#global()} is always the sum. {@link #NONE} records nothing: derived
 * results ({@code map}, {@code all}) use it, so that the hot path never asks whether anyone is counting.
 *
 * <p>Not API: this package may change in any release.
 */
public class MetricsRecorder implements AsyncMetrics {

    /** The recorder that sums every database. */
    public static final MetricsRecorder GLOBAL = new MetricsRecorder(null);

    /** Records nothing. */
    public static final MetricsRecorder NONE = new None();

    private final MetricsRecorder parent;
    private final LongAdder total = new LongAdder();
    private final LongAdder active = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();

    private MetricsRecorder(MetricsRecorder parent) {
        this.parent = parent;
    }

    /** A new recorder for one database, summed into {@link #GLOBAL}. */
    public static MetricsRecorder forDatabase() {
        return new MetricsRecorder(GLOBAL);
    }

    /** An operation was created; it is active until {@link #ended()}. */
    public void started() {
        total.increment();
        active.increment();
        if (parent != null) {
            parent.started();
        }
    }

    /** The work of an operation has ended, whatever its outcome. */
    public void ended() {
        active.decrement();
        if (parent != null) {
            parent.ended();
        }
    }

    /** An operation failed with an error. */
    public void failed() {
        failed.increment();
        if (parent != null) {
            parent.failed();
        }
    }

    /** An operation ran out of time. */
    public void timedOut() {
        timedOut.increment();
        if (parent != null) {
            parent.timedOut();
        }
    }

    /** An operation was cancelled. */
    public void cancelled() {
        cancelled.increment();
        if (parent != null) {
            parent.cancelled();
        }
    }

    /** {@code statements} statements went to the database in {@code trips} round trips. */
    public void sent(int statements, int trips) {
        this.statements.add(statements);
        this.roundTrips.add(trips);
        if (parent != null) {
            parent.sent(statements, trips);
        }
    }

    @Override
    public long statements() {
        return statements.sum();
    }

    @Override
    public long roundTrips() {
        return roundTrips.sum();
    }

    @Override
    public long totalOperations() {
        return total.sum();
    }

    @Override
    public long activeOperations() {
        return active.sum();
    }

    @Override
    public long failedOperations() {
        return failed.sum();
    }

    @Override
    public long timedOutOperations() {
        return timedOut.sum();
    }

    @Override
    public long cancelledOperations() {
        return cancelled.sum();
    }

    @Override
    public String toString() {
        return "AsyncMetrics[total=" + totalOperations() + ", active=" + activeOperations()
                + ", failed=" + failedOperations() + ", timedOut=" + timedOutOperations()
                + ", cancelled=" + cancelledOperations() + ", statements=" + statements() + ", roundTrips="
                + roundTrips() + "]";
    }

    private static final class None extends MetricsRecorder {
        None() {
            super(null);
        }

        @Override
        public void started() {}

        @Override
        public void ended() {}

        @Override
        public void failed() {}

        @Override
        public void timedOut() {}

        @Override
        public void cancelled() {}

        @Override
        public void sent(int statements, int trips) {}
    }
}
