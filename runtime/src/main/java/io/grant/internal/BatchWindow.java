package io.grant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the operations a thread holds once its batching window has passed without the thread waiting on Grant
 * (a thread that waits sends them itself, at once).
 *
 * <p>One daemon platform thread ticks every {@link #TICK_NANOS} while some thread holds operations, and parks
 * until it is needed again after {@link #IDLE_TICKS} ticks with nothing to watch. A thread registers its context
 * when it starts holding; it unparks the ticker only when the ticker sleeps, so under steady load holding an
 * operation costs no system call. Not API.
 */
final class BatchWindow {

    static final long TICK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int IDLE_TICKS = 200;

    private static final ConcurrentLinkedQueue<ThreadContext> WATCHED = new ConcurrentLinkedQueue<>();
    private static final Thread TICKER;
    private static volatile boolean asleep;

    static {
        TICKER = new Thread(BatchWindow::tick, "grant-batch-window");
        TICKER.setDaemon(true);
        TICKER.start();
    }

    private BatchWindow() {}

    /** Watches {@code context}, which just started holding operations. */
    static void watch(ThreadContext context) {
        WATCHED.add(context);
        if (asleep) {
            asleep = false;
            LockSupport.unpark(TICKER);
        }
    }

    private static void tick() {
        int idle = 0;
        List<ThreadContext> again = new ArrayList<>();
        while (true) {
            if (idle >= IDLE_TICKS) {
                asleep = true;
                if (WATCHED.isEmpty()) {
                    LockSupport.park();
                }
                asleep = false;
                idle = 0;
            } else {
                LockSupport.parkNanos(TICK_NANOS);
            }
            long now = System.nanoTime();
            ThreadContext context;
            boolean any = false;
            while ((context = WATCHED.poll()) != null) {
                any = true;
                try {
                    if (context.flushIfDue(now)) {
                        again.add(context);
                    }
                } catch (RuntimeException | Error e) {
                    // sending never throws for one operation's trouble; keep the ticker alive whatever happens
                    org.slf4j.LoggerFactory.getLogger(BatchWindow.class).error("Sending held operations failed", e);
                }
            }
            WATCHED.addAll(again);
            again.clear();
            idle = any ? 0 : idle + 1;
        }
    }
}
