package io.grant;

import java.util.concurrent.CountDownLatch;

/** For work inside operations that must wait on a latch however often it is interrupted (by a cancel, say). */
public final class Latches {

    private Latches() {}

    /** Waits until {@code latch} opens; an interrupt meanwhile is kept and set again afterwards. */
    public static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
