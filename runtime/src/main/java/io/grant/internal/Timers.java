package io.grant.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deadlines and cancellations. One daemon thread fires deadlines; what fires runs on a pool of daemon
 * <em>platform</em> threads, for two reasons: stopping an operation may block (cancelling a statement talks
 * to the server), and it must never wait for a carrier thread, which CPU-bound virtual threads (an embedded
 * H2 query runs on the caller's thread) can hold for as long as they run. Not API.
 */
public final class Timers {

    private static final AtomicInteger STOPPERS = new AtomicInteger();

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "grant-timer");
        thread.setDaemon(true);
        return thread;
    });

    private static final ExecutorService STOPPER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "grant-stopper-" + STOPPERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timers() {}

    /** Runs {@code action} on a platform thread after {@code delay}; cancel the returned future to call it off. */
    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(() -> STOPPER.execute(action), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code action} on a platform thread now. */
    public static void now(Runnable action) {
        STOPPER.execute(action);
    }

    /** The stoppers' executor: for JDBC calls that take one ({@code Connection.abort}, {@code setNetworkTimeout}). */
    public static java.util.concurrent.Executor executor() {
        return STOPPER;
    }
}
