package io.grant.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.policy.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code db.close(bound)} with a statement still running when the bound has passed: the statement is cancelled on
 * the server, and its result says so, naming close() as the canceller (not the server's bare "canceling statement
 * due to user request", which reads as if the statement had failed by itself).
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CloseWhileRunningTest {

    /** A statement that runs for a long time and fails (rather than returning early) when it is cancelled. */
    private static String slow(TestDatabase database) {
        return switch (database) {
            case POSTGRES -> "select pg_sleep(30) /* grant-close-slow */";
            // MariaDB's sleep() and benchmark() return early when killed; a join fails with 1317 "Query execution was
            // interrupted"
            case MARIADB -> "select /* grant-close-slow */ count(*) from seq_1_to_1000000 a join seq_1_to_1000000 b "
                    + "on a.seq + b.seq = -1";
            case H2 -> "select /* grant-close-slow */ count(*) from system_range(1, 1000000) a, "
                    + "system_range(1, 1000000) b where a.x + b.x = -1";
        };
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStatementStillRunningWhenCloseStopsWaitingIsCancelledAndSaysCloseDidIt(TestDatabase database) {
        Grant db = database.connect(builder -> builder.poolSize(2).retry(RetryPolicy.none()));
        // an in-memory H2 database is seen only through its own pool, which close() closes: watched before only
        Grant watcher = database == TestDatabase.H2 ? db : database.connect(1);
        try {
            AsyncResult<Object> running = db.async("Slow", dsl -> dsl.fetchValue(slow(database)));
            await().atMost(Duration.ofSeconds(10)).until(() -> running(database, watcher) == 1);

            long start = System.nanoTime();
            db.close(Duration.ofMillis(100));

            assertThat(running.state()).isEqualTo(AsyncResult.State.CANCELLED);
            assertThatThrownBy(running::await).isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("'Slow' was cancelled by db.close()");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(db.metrics().cancelledOperations()).isEqualTo(1);
            assertThat(db.metrics().failedOperations()).isZero();
            if (watcher != db) {
                await().atMost(Duration.ofSeconds(10)).until(() -> running(database, watcher) == 0);
            }
        } finally {
            watcher.close();
        }
    }

    private static int running(TestDatabase database, Grant watcher) {
        return Slow.running(database, watcher, "grant-close-slow");
    }
}
