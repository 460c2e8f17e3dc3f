package io.grant.internal;

import io.grant.async.AsyncResult;
import java.lang.ref.Cleaner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, once, a failure that nobody observed: when a failed result that nobody awaited, handled or passed on is
 * garbage-collected, its error goes to the SLF4J logger {@code io.grant.async.AsyncResult} at ERROR. Not API.
 */
final class LostFailures {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncResult.class);
    private static final Cleaner CLEANER = Cleaner.create();

    private LostFailures() {}

    /** Watches {@code result}, which just failed with {@code error} and has not been observed. */
    static Watch watch(Object result, String operation, Throwable error) {
        Watch watch = new Watch(operation, error);
        CLEANER.register(result, watch);
        return watch;
    }

    /** Logs the failure when its result is collected, unless it was observed meanwhile. Holds no reference to it. */
    static final class Watch implements Runnable {
        private final String operation;
        private final Throwable error;
        private volatile boolean observed;

        private Watch(String operation, Throwable error) {
            this.operation = operation;
            this.error = error;
        }

        void observed() {
            observed = true;
        }

        @Override
        public void run() {
            if (!observed) {
                LOG.error("Async operation '{}' failed and nobody awaited its result", operation, error);
            }
        }
    }
}
