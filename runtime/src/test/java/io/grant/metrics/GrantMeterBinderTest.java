package io.grant.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link GrantMeterBinder} publishes about one database, after a mix of outcomes. */
class GrantMeterBinderTest {

    record Item(Long id) {}

    private static final NumericColumn<Item, Long, Long> ID = NumericColumn.of(Item.class, "id", "id", Long.class,
            Long.class);
    private static final ModelTable<Item> ITEMS = ModelTable.builder(Item.class, "obs_items").columns(ID).id(ID)
            .mapper(row -> new Item(row.get(ID))).build();

    private static Grant open() {
        Grant db = Grant.builder().name("meters").jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                .poolSize(4).build();
        db.dsl().execute("create table obs_items (id bigint primary key)");
        db.dsl().execute("insert into obs_items values (1), (2), (3)");
        return db;
    }

    @Test
    void timersCountersAndGaugesAddUpExactlyAfterAMixOfOutcomes() throws InterruptedException {
        try (Grant db = open()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new GrantMeterBinder(db).bindTo(registry);
            AsyncQuery<Item> items = AsyncQuery.of(ITEMS).on(db);

            for (int i = 0; i < 3; i++) {
                assertThat(items.count().await()).isEqualTo(3);
            }
            assertThat(items.find(1L).await()).isPresent();
            assertThat(items.find(99L).await()).isEmpty();
            for (int i = 0; i < 2; i++) {
                assertThat(db.async("Bad", dsl -> dsl.fetch("select * from no_such_table")).onError(e -> null)).isNull();
            }
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(2);
            AsyncResult<Object> slow = db.async("Slow", dsl -> hold(running, release));
            assertThatThrownBy(() -> slow.await(Duration.ofMillis(50))).isInstanceOf(AsyncTimeoutException.class);
            AsyncResult<Object> cancelled = db.async("Cancelled", dsl -> hold(running, release));
            running.await();
            assertThat(cancelled.cancel()).isTrue();

            // both held lanes keep their connections until their work returns (it ignores cancellation)
            assertThat(registry.get("grant.connections.active").gauge().value()).isEqualTo(2);
            assertThat(registry.get("grant.operations.waiting").gauge().value()).isZero();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("grant.operation.duration").timers()
                    .stream().mapToLong(Timer::count).sum() == 9);

            assertThat(duration(registry, "count", "success").count()).isEqualTo(3);
            assertThat(duration(registry, "find", "success").count()).isEqualTo(2);
            assertThat(duration(registry, "custom", "success").count()).isZero();
            assertThat(duration(registry, "custom", "failed").count()).isEqualTo(2);
            assertThat(duration(registry, "custom", "timed_out").count()).isEqualTo(1);
            assertThat(duration(registry, "custom", "cancelled").count()).isEqualTo(1);
            assertThat(duration(registry, "custom", "timed_out").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
            assertThat(registry.get("grant.operation.duration").timers()).allSatisfy(timer ->
                    assertThat(timer.getId().getTag("db")).isEqualTo("meters"));

            assertThat(counter(registry, "total")).isEqualTo(9);
            assertThat(counter(registry, "failed")).isEqualTo(2);
            assertThat(counter(registry, "timed_out")).isEqualTo(1);
            assertThat(counter(registry, "cancelled")).isEqualTo(1);
            // every operation was taken from the queue by a lane exactly once
            assertThat(registry.get("grant.permit.wait").tag("db", "meters").timer().count()).isEqualTo(9);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.get("grant.connections.active").gauge().value() == 0);
            double total = registry.get("grant.connections.total").gauge().value();
            assertThat(total).isBetween(1.0, 4.0);
            assertThat(registry.get("grant.connections.idle").gauge().value()).isEqualTo(total);
            assertThat(registry.get("grant.operations.active").gauge().value()).isZero();
            // the database's own breaker: closed, since the failures above reached the database
            assertThat(registry.get("grant.breaker.state").tag("state", "closed").gauge().value()).isEqualTo(1);
            assertThat(registry.get("grant.breaker.state").tag("state", "disabled").gauge().value()).isZero();
        }
    }

    @Test
    void theBreakerGaugeReadsTheStateItIsGiven() {
        try (Grant db = open()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            String[] state = {"CLOSED"};
            new GrantMeterBinder(db, () -> state[0]).bindTo(registry);
            assertThat(registry.get("grant.breaker.state").tag("state", "closed").gauge().value()).isEqualTo(1);
            state[0] = "HALF_OPEN";
            assertThat(registry.get("grant.breaker.state").tag("state", "closed").gauge().value()).isZero();
            assertThat(registry.get("grant.breaker.state").tag("state", "half_open").gauge().value()).isEqualTo(1);
            assertThat(registry.get("grant.breaker.state").gauges()).hasSize(4);
        }
    }

    @Test
    void theNameAndMetricsFormPublishesTheCountersOnly() {
        try (Grant db = open()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new GrantMeterBinder("main", db.metrics()).bindTo(registry);
            assertThat(db.async("One", dsl -> 1).await()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> counter(registry, "total") == 1);
            assertThat(registry.find("grant.operation.duration").timers()).isEmpty();
            assertThat(registry.find("grant.connections.active").gauges()).isEmpty();
        }
    }

    private static Timer duration(SimpleMeterRegistry registry, String kind, String outcome) {
        return registry.get("grant.operation.duration").tags("kind", kind, "outcome", outcome).timer();
    }

    private static double counter(SimpleMeterRegistry registry, String outcome) {
        return registry.get("grant.operations").tag("outcome", outcome).functionCounter().count();
    }

    /** Says it runs, then waits for {@code release} whatever interrupts it (as a driver that ignores them would). */
    private static Object hold(CountDownLatch running, CountDownLatch release) {
        running.countDown();
        io.grant.Latches.awaitUninterruptibly(release);
        return null;
    }
}
