package io.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.metrics.AsyncMetrics;
import io.grant.metrics.GrantMeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countsAreExactAfterAMixOfOutcomes() {
        try (Grant db = Grant.builder().jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID()).poolSize(4).build()) {
            AsyncMetrics global = AsyncMetrics.global();
            long globalTotal = global.totalOperations();
            CountDownLatch never = new CountDownLatch(1);

            for (int i = 0; i < 5; i++) {
                db.async("ok", dsl -> dsl.selectOne().fetchOne(0, Integer.class)).await();
            }
            for (int i = 0; i < 3; i++) {
                AsyncResult<Object> bad = db.async("bad", dsl -> dsl.fetchValue("select * from no_such_table"));
                bad.onError(e -> null);
            }
            for (int i = 0; i < 2; i++) {
                AsyncResult<Object> slow = db.async("slow", dsl -> {
                    Latches.awaitUninterruptibly(never);
                    return null;
                });
                assertThatThrownBy(() -> slow.await(Duration.ofMillis(20))).isInstanceOf(AsyncTimeoutException.class);
            }
            AsyncResult<Object> cancelled = db.async("cancelled", dsl -> {
                Latches.awaitUninterruptibly(never);
                return null;
            });
            assertThat(cancelled.cancel()).isTrue();

            // the blocked lambdas end once released (they ignore cancellation, like a slow driver would)
            never.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> db.metrics().activeOperations() == 0);

            AsyncMetrics m = db.metrics();
            assertThat(m.totalOperations()).isEqualTo(11);
            assertThat(m.failedOperations()).isEqualTo(3);
            assertThat(m.timedOutOperations()).isEqualTo(2);
            assertThat(m.cancelledOperations()).isEqualTo(1);
            assertThat(m.activeOperations()).isZero();
            assertThat(global.totalOperations() - globalTotal).isGreaterThanOrEqualTo(11);

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new GrantMeterBinder("main", m).bindTo(registry);
            assertThat(registry.get("grant.operations").tag("outcome", "failed").functionCounter().count()).isEqualTo(3);
            assertThat(registry.get("grant.operations.active").gauge().value()).isZero();
        }
    }

    @Test
    void activeCountsWorkThatHasNotEnded() throws InterruptedException {
        try (Grant db = Grant.builder().jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID()).poolSize(2).build()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AsyncResult<Integer> running = db.async("running", dsl -> {
                started.countDown();
                Latches.awaitUninterruptibly(release);
                return 1;
            });
            started.await();
            assertThat(db.metrics().activeOperations()).isEqualTo(1);
            release.countDown();
            assertThat(running.await()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> db.metrics().activeOperations() == 0);
        }
    }
}
