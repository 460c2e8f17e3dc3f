package io.grant.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.async.AsyncTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the executor promises, on real servers: a timeout or cancel stops the statement on the server and
 * returns the connection healthy; admission control keeps the pool from being oversubscribed.
 */
class RuntimeExecutionTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    private Grant connect(TestDatabase database, int poolSize) {
        Grant db = database.connect(poolSize);
        resources.add(0, db);
        return db;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void timedOutAwaitCancelsTheStatementOnTheServer(TestDatabase database) {
        Grant db = connect(database, 4);
        AsyncResult<Object> slow = startSlow(database, db);

        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.await(Duration.ofMillis(200)))
                .isInstanceOf(AsyncTimeoutException.class)
                .hasMessage("Async operation 'Report.slow' timed out after 200 ms")
                .satisfies(e -> assertThat(((AsyncTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(200)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThatThrownBy(slow::await).isInstanceOf(AsyncTimeoutException.class);

        assertStoppedOnServer(database, db);
        await().atMost(Duration.ofSeconds(1)).until(() -> db.metrics().activeOperations() == 0);
        assertThat(db.metrics().timedOutOperations()).isEqualTo(1);
        assertThat(db.metrics().failedOperations()).isZero();
        assertHealthy(db);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cancelStopsTheStatementOnTheServer(TestDatabase database) {
        Grant db = connect(database, 2);
        AsyncResult<Object> slow = startSlow(database, db);

        assertThat(slow.cancel()).isTrue();
        assertThat(slow.cancel()).isFalse();
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThatThrownBy(slow::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(CancellationException.class);

        assertStoppedOnServer(database, db);
        assertThat(db.metrics().cancelledOperations()).isEqualTo(1);
        assertHealthy(db);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void supplyWorkUsingTheDslIsCancelledOnTheServerToo(TestDatabase database) {
        Grant db = connect(database, 2);
        AsyncResult<Object> slow = AsyncResult.supply("Report.viaDsl", () -> Slow.run(database, db.dsl()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Slow.running(database, db) == 1);

        assertThatThrownBy(() -> slow.await(Duration.ofMillis(200))).isInstanceOf(AsyncTimeoutException.class);
        assertStoppedOnServer(database, db);
        // the statement was cancelled, not the thread interrupted: the pooled connection is still open
        assertThat(((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getHikariPoolMXBean().getTotalConnections())
                .isEqualTo(2);
        assertHealthy(db);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void defaultTimeoutCancelsWithoutAnyoneWaiting(TestDatabase database) {
        Grant db = database.connect(b -> b.poolSize(2).defaultTimeout(Duration.ofMillis(300)));
        resources.add(0, db);
        AsyncResult<Object> slow = db.async("Report.slow", dsl -> Slow.run(database, dsl));
        await().atMost(Duration.ofSeconds(2)).until(slow::isDone);
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThatThrownBy(slow::await)
                .isInstanceOf(AsyncTimeoutException.class)
                .hasMessageContaining("timed out after 300 ms");
        assertStoppedOnServer(database, db);
        assertHealthy(db);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anOperationCancelledWhileWaitingForAPermitNeverRuns(TestDatabase database) {
        Grant db = connect(database, 1);
        AsyncResult<Object> slow = db.async("Report.slow", dsl -> Slow.run(database, dsl));
        await().atMost(Duration.ofSeconds(10)).until(() -> db.activeConnections() == 1);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        AsyncResult<Integer> queued = db.async("Queued", dsl -> {
            ran.add("queued");
            return 1;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> db.waitingOperations() == 1);
        assertThatThrownBy(() -> queued.await(Duration.ofMillis(100))).isInstanceOf(AsyncTimeoutException.class);
        await().atMost(Duration.ofSeconds(1)).until(() -> db.waitingOperations() == 0);

        slow.cancel();
        await().atMost(Duration.ofSeconds(2)).until(() -> db.metrics().activeOperations() == 0);
        assertThat(ran).isEmpty();
        assertThat(db.activeConnections()).isZero();
        assertHealthy(db);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void scopeDeadlineCancelsEverythingAndCloseWaitsForTheServer(TestDatabase database) {
        Grant db = connect(database, 4);
        AsyncResult<Object> first;
        AsyncResult<Object> second;
        try (AsyncScope scope = AsyncScope.open(Duration.ofMillis(300))) {
            first = db.async("Report.one", dsl -> Slow.run(database, dsl));
            second = db.async("Report.two", dsl -> Slow.run(database, dsl));
            assertThatThrownBy(scope::join).isInstanceOf(AsyncTimeoutException.class);
        }
        // close() returned: the work of both has ended, so the server runs neither any more
        assertThat(first.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThat(second.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThat(db.metrics().activeOperations()).isZero();
        assertThat(db.activeConnections()).isZero();
        assertThat(Slow.running(database, db)).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tenThousandConcurrentCountsNeverUseMoreThanThePool(TestDatabase database) throws Exception {
        database.requireReachable();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(1_000);
        HikariDataSource pool = new HikariDataSource(config);
        resources.add(pool);
        CountingDataSource counting = new CountingDataSource(pool);
        Grant db = Grant.builder().dataSource(counting).dialect(database.dialect()).poolSize(4).build();
        resources.add(0, db);
        db.dsl().execute("drop table if exists people");
        db.dsl().execute(Person.ddl(database));
        db.dsl().execute("insert into people (id, name, age, active) values (1, 'a', 1, true), (2, 'b', 2, false)");
        try {
            List<AsyncResult<Long>> counts = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                counts.add(Person.TABLE.query().on(db).where(Person.ACTIVE.isTrue()).count());
            }
            List<Long> values = AsyncResult.all(counts).await(Duration.ofMinutes(2));
            assertThat(values).hasSize(10_000).containsOnly(1L);
            assertThat(counting.mostInUse()).isBetween(1, 4);
            // lanes keep their connection while work is queued, and identical counts share statements
            assertThat(counting.borrowed()).isBetween(1 + 3, 10_000 + 3);
            assertThat(counting.inUse()).isZero();
            assertThat(db.metrics().failedOperations()).isZero();
            assertThat(db.metrics().totalOperations()).isEqualTo(10_000);
        } finally {
            db.dsl().execute("drop table if exists people");
        }
    }

    /** Starts the 30-second statement and waits until the server runs it. */
    private static AsyncResult<Object> startSlow(TestDatabase database, Grant db) {
        AsyncResult<Object> slow = db.async("Report.slow", dsl -> Slow.run(database, dsl));
        await().atMost(Duration.ofSeconds(10)).until(() -> Slow.running(database, db) == 1);
        return slow;
    }

    /** Within a second the server runs no slow statement any more and the pool has every connection back. */
    private static void assertStoppedOnServer(TestDatabase database, Grant db) {
        await().atMost(Duration.ofSeconds(1)).until(() -> Slow.running(database, db) == 0);
        await().atMost(Duration.ofSeconds(1)).until(() -> db.activeConnections() == 0);
    }

    private static void assertHealthy(Grant db) {
        assertThat(db.async("Health.check", dsl -> dsl.selectOne().fetchOne(0, Integer.class)).await(Duration.ofSeconds(5)))
                .isEqualTo(1);
        assertThat(db.activeConnections()).isZero();
    }
}
