package io.grant.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that fires deadlines. What fires runs on a new virtual thread, because stopping an
 * operation may block (cancelling a statement talks to the server). Not API.
 */
public final class Timers {

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "grant-timer");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timers() {}

    /** Runs {@code action} on a virtual thread after {@code delay}; cancel the returned future to call it off. */
    public static ScheduledFuture<?> after(Duration delay, Runnable action) {
        return TIMER.schedule(() -> Thread.startVirtualThread(action), delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
