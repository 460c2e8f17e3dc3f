package io.grant.internal;

import io.grant.policy.BreakerPolicy;
import io.grant.policy.RetryPolicy;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a database does when things fail, as the dispatcher needs it. Not API.
 *
 * @param retry which failed operations run again
 * @param breaker when the circuit breaker opens
 * @param cancelTimeout how long a cancelled statement may take to stop on the server before its connection is
 *     aborted and evicted
 * @param networkTimeout the last-resort limit on waiting for the database's answer on a connection, or {@code null}
 * @param evictor takes a broken or aborted connection out of the pool
 */
public record Failover(RetryPolicy retry, BreakerPolicy breaker, Duration cancelTimeout, Duration networkTimeout,
        Consumer<Connection> evictor) {

    /** Checks the values. */
    public Failover {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(cancelTimeout, "cancelTimeout");
        Objects.requireNonNull(evictor, "evictor");
    }

    /** Takes {@code connection} out of the pool; never throws. */
    void evict(Connection connection) {
        try {
            evictor.accept(connection);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Failover.class).debug("Evicting a connection failed", e);
        }
    }
}
