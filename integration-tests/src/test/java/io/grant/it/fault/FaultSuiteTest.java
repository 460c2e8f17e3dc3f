package io.grant.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Batching;
import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.policy.BreakerPolicy;
import io.grant.policy.BreakerState;
import io.grant.policy.DatabaseUnavailableException;
import io.grant.policy.Health;
import io.grant.policy.RetryPolicy;
import io.grant.shard.Partial;
import io.grant.shard.ShardManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults for real: a PostgreSQL cluster of the tests' own ({@link PgCluster}), reached through an in-process TCP
 * proxy that delays, freezes and cuts ({@link FaultProxy}), with the server restarted, stopped and its sessions
 * terminated under Grant. Every check says what must hold, and every one ends with nothing left behind: no
 * connection in use, no operation waiting, metrics that add up.
 */
class FaultSuiteTest {

    private static final String DATABASE = "faults";
    private static final int ROWS = 1_000;
    private static PgCluster cluster;
    private static FaultProxy proxy;

    /** What each check measured, written to {@code target/fault-suite-report.md} for the record (no assertions). */
    private static final Map<Integer, String> REPORT = new ConcurrentSkipListMap<>();

    private final List<Grant> opened = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        cluster = PgCluster.start();
        cluster.createDatabase(DATABASE);
        proxy = FaultProxy.start("127.0.0.1", cluster.port());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        StringBuilder table = new StringBuilder("| # | fault | what happened | detected | recovered | lost |\n"
                + "|---|---|---|---|---|---|\n");
        REPORT.forEach((number, row) -> table.append("| ").append(number / 10).append(" | ").append(row).append(" |\n"));
        Path report = Path.of("target", "fault-suite-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);
        if (proxy != null) {
            proxy.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void freshTable() throws SQLException {
        admin("drop table if exists fault_rows; drop table if exists fault_log; drop table if exists fault_pair; "
                + "create table fault_rows (id bigint primary key, v int not null, note text); "
                + "insert into fault_rows select g, g % 100, 'row ' || g from generate_series(1, " + ROWS + ") g; "
                + "create table fault_log (id int primary key); "
                + "create table fault_pair (id int primary key, v int not null); "
                + "insert into fault_pair values (1, 0), (2, 0)");
    }

    @AfterEach
    void closeAndHeal() {
        proxy.thaw();
        proxy.delay(Duration.ZERO);
        proxy.blackholeNewConnections(false);
        proxy.refuseNewConnections(false);
        if (!cluster.isRunning()) {
            cluster.startServer();
        }
        ShardManager.clear();
        Grant.setDefault(null);
        for (Grant db : opened) {
            db.close(Duration.ofSeconds(5));
        }
    }

    /** A Grant on the cluster through the proxy, the default database. */
    private Grant connect(UnaryOperator<Grant.Builder> customizer) {
        return connect("jdbc:postgresql://" + proxy.authority() + "/" + DATABASE, customizer);
    }

    /** A Grant on the cluster directly. */
    private Grant connectDirectly(UnaryOperator<Grant.Builder> customizer) {
        return connect(cluster.url(DATABASE), customizer);
    }

    private Grant connect(String url, UnaryOperator<Grant.Builder> customizer) {
        Grant db = customizer.apply(Grant.builder().name("faults").jdbcUrl(url).username("postgres")
                .connectionTimeout(Duration.ofSeconds(2))).build();
        opened.add(0, db);
        Grant.setDefault(db);
        return db;
    }

    /** Records check {@code number}'s row of the report ({@code order} keeps two rows of one check apart). */
    private static void report(int number, int order, String fault, String happened, String detected,
            String recovered, String lost) {
        REPORT.put(number * 10 + order, String.join(" | ", fault, happened, detected, recovered, lost));
    }

    private static String since(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms";
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.url(DATABASE), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long adminLong(String sql) {
        try (Connection connection = DriverManager.getConnection(cluster.url(DATABASE), "postgres", "");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** How many statements containing {@code marker} the server runs now. */
    private static long running(String marker) {
        return adminLong("select count(*) from pg_stat_activity where state = 'active' and query like '%" + marker
                + "%' and pid <> pg_backend_pid()");
    }

    /** The client sessions of the tests' database, as the server sees them (not counting the one asking). */
    private static long sessions() {
        return adminLong("select count(*) from pg_stat_activity where datname = '" + DATABASE
                + "' and backend_type = 'client backend' and pid <> pg_backend_pid()");
    }

    /** Nothing is left in use or waiting, and every operation that was created has ended. */
    private static void assertQuiet(Grant db) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Health health = db.health();
            assertThat(health.activeConnections()).as("connections in use").isZero();
            assertThat(health.waitingOperations()).as("operations waiting").isZero();
            assertThat(db.metrics().activeOperations()).as("operations whose work has not ended").isZero();
        });
    }

    private static Condition slow(String marker, double seconds) {
        return DSL.condition("id = 1 and pg_sleep(" + seconds + ") is not null /* " + marker + " */");
    }

    // ---------------------------------------------------------------- 1. a backend terminated mid-read

    @Test
    void aReadWhoseBackendIsTerminatedIsRetriedAndTheDeadConnectionsAreEvicted() {
        Grant db = connect(builder -> builder.poolSize(2).retry(RetryPolicy.defaults().backoff(Duration.ofMillis(20))));
        assertThat(FaultRowAsync.count().await()).isEqualTo((long) ROWS); // both connections opened and warm
        AsyncResult<Long> read = FaultRowAsync.where(slow("fault-1", 1)).count();
        await().atMost(Duration.ofSeconds(10)).until(() -> running("fault-1") == 1);

        long killed = System.nanoTime();
        assertThat(cluster.terminateBackends(DATABASE)).isPositive();

        assertThat(read.await(Duration.ofSeconds(20))).isEqualTo(1L);
        String answered = since(killed);
        assertThat(db.metrics().failedOperations()).isZero();
        for (int i = 0; i < 20; i++) {
            assertThat(FaultRowAsync.where(FaultRowAsync.ID.eq((long) i + 1)).count().await()).isEqualTo(1L);
        }
        assertQuiet(db);
        // the pool holds no dead connection: every connection it counts is a session the server has
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sessions())
                .isEqualTo((long) db.health().idleConnections() + db.health().activeConnections()));
        report(1, 0, "backend terminated mid-read (57P01)", "read retried on a new connection, answered; dead "
                + "connections evicted", "at once (the error)", "answer " + answered + " after the kill (a 1 s query)",
                "nothing");
    }

    // ---------------------------------------------------------------- 2. a restart under load

    @Test
    void aRestartUnderLoadEndsEveryOperationByItsDeadlineAndTheBreakerOpensAndClosesByItself() throws Exception {
        Duration deadline = Duration.ofSeconds(6);
        Grant db = connect(builder -> builder.poolSize(8).defaultTimeout(deadline)
                .retry(RetryPolicy.defaults().backoff(Duration.ofMillis(50)))
                .circuitBreaker(BreakerPolicy.defaults().openFor(Duration.ofMillis(500))));
        Set<BreakerState> seen = Collections.synchronizedSet(EnumSet.noneOf(BreakerState.class));
        AtomicBoolean loading = new AtomicBoolean(true);
        List<String> late = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger created = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        // 500 operations in flight all along: each one that ends is replaced, until the restart is over
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(500);
        Thread load = Thread.ofVirtual().start(() -> {
            while (loading.get()) {
                seen.add(db.health().breakerState());
                inFlight.acquireUninterruptibly();
                long id = 1 + created.get() % ROWS;
                long start = System.nanoTime();
                AsyncResult<Long> result = created.incrementAndGet() % 5 == 0
                        ? FaultRowAsync.where(FaultRowAsync.ID.eq(id)).where(slow("fault-2", 0.02)).count()
                        : FaultRowAsync.where(FaultRowAsync.ID.eq(id)).count();
                result.toCompletableFuture().whenComplete((value, error) -> {
                    long took = System.nanoTime() - start;
                    if (took > deadline.plusSeconds(1).toNanos()) {
                        late.add(result.operation() + " took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
                    }
                    if (error == null) {
                        succeeded.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> succeeded.get() >= 1_000);
        long stopped = System.nanoTime();
        cluster.stopServer(); // the restart: down until the breaker has opened under the load, then up again
        await().atMost(Duration.ofSeconds(30)).until(() -> db.health().breakerState() == BreakerState.OPEN);
        String opened = since(stopped);
        long restarted = System.nanoTime();
        cluster.startServer();
        // the database answers again, and the breaker closes by itself once a trial call went through
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen.add(db.health().breakerState());
            return db.health().breakerState() == BreakerState.CLOSED && succeeded.get() > 0
                    && FaultRowAsync.count().onError(error -> -1L) == ROWS;
        });
        String closed = since(restarted);
        loading.set(false);
        load.join();
        inFlight.acquireUninterruptibly(500); // every operation started has ended
        assertThat(late).as("operations that ended past their deadline").isEmpty();
        assertThat(seen).as("breaker states seen around the restart").contains(BreakerState.OPEN, BreakerState.CLOSED);
        assertQuiet(db);
        assertThat(db.metrics().totalOperations()).isGreaterThanOrEqualTo(created.get());
        assertThat(db.metrics().failedOperations() + db.metrics().timedOutOperations()
                + db.metrics().cancelledOperations() + succeeded.get()).isLessThanOrEqualTo(
                db.metrics().totalOperations());
        report(2, 0, "server restarted under load (500 in flight, pool 8, deadline 6 s)", created.get()
                + " operations, every one ended by its deadline (" + late.size() + " late); breaker opened and "
                + "closed by itself", "breaker open " + opened + " after the stop", "breaker closed " + closed
                + " after the start", "nothing (each operation has an outcome; all permits and connections back)");
    }

    // ---------------------------------------------------------------- 3. a stopped server

    @Test
    void withTheServerStoppedTheOpenBreakerFailsEveryCallAtOnceNamingTheDatabase() {
        Grant db = connect(builder -> builder.poolSize(2).retry(RetryPolicy.none())
                .connectionTimeout(Duration.ofMillis(500)).circuitBreaker(BreakerPolicy.defaults()));
        assertThat(FaultRowAsync.count().await()).isEqualTo((long) ROWS);
        cluster.stopServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            FaultRowAsync.count().onError(error -> -1L);
            return db.health().status() == Health.Status.DOWN;
        });
        long slowestCall = 0;
        for (int i = 0; i < 100; i++) {
            long call = System.nanoTime();
            AsyncResult<Long> refused = FaultRowAsync.count();
            slowestCall = Math.max(slowestCall, System.nanoTime() - call);
            assertThat(refused.isDone()).as("failed at once, call %d", i).isTrue();
            assertThatThrownBy(refused::await).isInstanceOf(AsyncExecutionException.class)
                    .hasCauseInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("Database 'faults' is unavailable");
        }
        long started = System.nanoTime();
        cluster.startServer();
        await().atMost(Duration.ofSeconds(30)).until(() -> FaultRowAsync.count().onError(error -> -1L) == ROWS);
        report(3, 0, "server stopped", "with the breaker open, 100 calls failed with DatabaseUnavailableException "
                + "naming 'faults'", "slowest refused call " + TimeUnit.NANOSECONDS.toMicros(slowestCall) + " µs",
                "answers " + since(started) + " after the start", "nothing");
        assertThat(db.health().status()).isEqualTo(Health.Status.UP);
        assertQuiet(db);
    }

    // ---------------------------------------------------------------- 4. the network frozen mid-query

    @Test
    void aDeadlineFiresOnTimeWhenTheNetworkFreezesAndTheCancelIsLostAndItsPlaceComesBack() {
        Grant db = connect(builder -> builder.poolSize(1).retry(RetryPolicy.none())
                .cancelTimeout(Duration.ofMillis(300)));
        AsyncResult<Long> stuck = FaultRowAsync.where(slow("fault-4", 5)).count();
        await().atMost(Duration.ofSeconds(10)).until(() -> running("fault-4") == 1);
        proxy.freeze(); // the answer never comes, and the cancel request (a new connection) is never forwarded

        long start = System.nanoTime();
        assertThatThrownBy(() -> stuck.await(Duration.ofMillis(500))).isInstanceOf(AsyncTimeoutException.class);
        String fired = since(start);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fired at its deadline, not after the cancel")
                .isLessThan(Duration.ofMillis(1_500));
        // the pool's only connection was aborted and evicted: its place comes back while the network is still frozen
        await().atMost(Duration.ofSeconds(10)).until(() -> db.health().activeConnections() == 0);
        report(4, 0, "network frozen mid-query, cancel request black-holed, await(500 ms)", "AsyncTimeoutException; "
                + "connection aborted and evicted (cancel timeout 300 ms)", "timeout thrown " + fired
                + " after await began", "connection back " + since(start) + " after await began, network still "
                + "frozen", "nothing (a read)");
        proxy.thaw();
        assertThat(FaultRowAsync.count().await(Duration.ofSeconds(10))).isEqualTo((long) ROWS);
        assertQuiet(db);
    }

    @Test
    void withoutADeadlineTheNetworkTimeoutEndsAnOperationOnAFrozenNetwork() {
        Grant db = connect(builder -> builder.poolSize(1).retry(RetryPolicy.none())
                .networkTimeout(Duration.ofSeconds(1)));
        assertThat(FaultRowAsync.count().await()).isEqualTo((long) ROWS);
        proxy.freeze();
        long start = System.nanoTime();
        AsyncResult<Long> frozen = FaultRowAsync.count();
        await().atMost(Duration.ofSeconds(15)).until(frozen::isDone);
        report(4, 1, "network frozen, no deadline (networkTimeout 1 s)", "failed with the network timeout", "ended "
                + since(start) + " after the call", "next call answered after the thaw", "nothing (a read)");
        assertThat(frozen.state()).isEqualTo(AsyncResult.State.FAILED);
        proxy.thaw();
        assertThat(FaultRowAsync.count().await(Duration.ofSeconds(10))).isEqualTo((long) ROWS);
        assertQuiet(db);
    }

    // ---------------------------------------------------------------- 5. one shard frozen

    @Test
    void aFrozenShardIsLeftOutOfAPartialResultByItsShardTimeoutAndNamed() {
        Grant near = connectDirectly(builder -> builder.name("near").poolSize(2).retry(RetryPolicy.none()));
        Grant far = connect(builder -> builder.name("far").poolSize(2).retry(RetryPolicy.none())
                .cancelTimeout(Duration.ofMillis(200)));
        Grant.setDefault(null);
        ShardManager.register("near", near);
        ShardManager.register("far", far);
        assertThat(FaultRowAsync.acrossShards().count().await()).isEqualTo(2L * ROWS);
        proxy.freeze();

        long start = System.nanoTime();
        Partial<Long> partial = FaultRowAsync.acrossShards().partial(Duration.ofMillis(300)).count()
                .await(Duration.ofSeconds(10));
        String answered = since(start);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_000));
        report(5, 0, "one of two shards frozen, partial(300 ms)", "answer from 'near', 'far' named as timed out",
                "partial answer " + answered, "'far' answers after the thaw", "nothing (named, not hidden)");
        assertThat(partial.value()).isEqualTo((long) ROWS);
        assertThat(partial.complete()).isFalse();
        assertThat(partial.answered()).containsExactly("near");
        assertThat(partial.failed()).containsOnlyKeys("far");
        assertThat(partial.failed().get("far")).isInstanceOf(AsyncTimeoutException.class)
                .hasMessageContaining("FaultRow.count@far").hasMessageContaining("shard 'far'");

        // a merged result that times out names the shard that had not answered
        assertThatThrownBy(() -> FaultRowAsync.acrossShards().count().await(Duration.ofMillis(300)))
                .isInstanceOf(AsyncTimeoutException.class).hasMessageContaining("shards that had not answered: [far]");
        proxy.thaw();
        await().atMost(Duration.ofSeconds(10)).until(() -> far.health().activeConnections() == 0);
        assertThat(FaultRowAsync.acrossShards().count().await(Duration.ofSeconds(10))).isEqualTo(2L * ROWS);
    }

    // ---------------------------------------------------------------- 6. deadlock and serialization failure

    /** Two transactions that update the two rows of {@code fault_pair} in opposite orders, meeting in the middle. */
    private static List<AsyncResult<Integer>> crossedUpdates(Grant db, AtomicInteger attempts) {
        CyclicBarrier middle = new CyclicBarrier(2);
        List<AsyncResult<Integer>> both = new ArrayList<>();
        for (int first : new int[] {1, 2}) {
            int second = 3 - first;
            both.add(db.async("Crossed" + first, dsl -> dsl.transactionResult(tx -> {
                int attempt = attempts.incrementAndGet();
                tx.dsl().execute("update fault_pair set v = v + 1 where id = ?", first);
                if (attempt <= 2) {
                    try {
                        middle.await(10, TimeUnit.SECONDS); // both hold their first row now
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                tx.dsl().execute("update fault_pair set v = v + 10 where id = ?", second);
                return attempt;
            })));
        }
        return both;
    }

    @Test
    void aDeadlockIsRetriedWhenWritesMayBeAndBothTransactionsApply() {
        Grant db = connectDirectly(builder -> builder.poolSize(2).batching(Batching.off())
                .retry(RetryPolicy.defaults().retryWrites(true).backoff(Duration.ofMillis(10))));
        AtomicInteger attempts = new AtomicInteger();
        List<AsyncResult<Integer>> both = crossedUpdates(db, attempts);
        both.forEach(AsyncResult::await);
        assertThat(attempts).as("one of the two ran again").hasValue(3);
        assertThat(adminLong("select sum(v) from fault_pair")).isEqualTo(22L);
        assertQuiet(db);
        report(6, 0, "deadlock (40P01), retryWrites(true)", "the victim ran again; both applied", "the server's "
                + "deadlock_timeout (1 s)", "one retry", "nothing");
    }

    @Test
    void aDeadlockIsSurfacedOnceWhenWritesAreNotRetried() {
        Grant db = connectDirectly(builder -> builder.poolSize(2).batching(Batching.off()));
        AtomicInteger attempts = new AtomicInteger();
        List<AsyncResult<Integer>> both = crossedUpdates(db, attempts);
        long failed = both.stream().filter(result -> result.onError(error -> -1) == -1).count();
        assertThat(failed).isEqualTo(1);
        assertThat(attempts).hasValue(2);
        AsyncResult<Integer> loser = both.stream().filter(result -> result.state() == AsyncResult.State.FAILED)
                .findFirst().orElseThrow();
        assertThatThrownBy(loser::await).hasMessageContaining("deadlock");
        assertThat(adminLong("select sum(v) from fault_pair")).isEqualTo(11L);
        assertQuiet(db);
        report(6, 1, "deadlock (40P01), writes not retried", "surfaced once, with the server's message; the other "
                + "applied", "the server's deadlock_timeout (1 s)", "n/a (the caller decides)", "the victim's "
                + "transaction, rolled back and reported failed");
    }

    @Test
    void aSerializationFailureIsRetriedWhenWritesMayBe() {
        Grant db = connectDirectly(builder -> builder.poolSize(2).batching(Batching.off())
                .retry(RetryPolicy.defaults().retryWrites(true).backoff(Duration.ofMillis(10))));
        CyclicBarrier middle = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        List<AsyncResult<Integer>> both = new ArrayList<>();
        for (int id : new int[] {1, 2}) {
            both.add(db.async("Serializable" + id, dsl -> dsl.transactionResult(tx -> {
                int attempt = attempts.incrementAndGet();
                tx.dsl().execute("set transaction isolation level serializable");
                long total = tx.dsl().fetchOne("select sum(v) from fault_pair").get(0, Long.class);
                if (attempt <= 2) {
                    try {
                        middle.await(10, TimeUnit.SECONDS); // both read before either writes
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                tx.dsl().execute("update fault_pair set v = ? where id = ?", (int) total + 1, id);
                return attempt;
            })));
        }
        both.forEach(AsyncResult::await);
        assertThat(attempts).as("one of the two ran again").hasValue(3);
        assertThat(adminLong("select sum(v) from fault_pair")).as("the second saw the first's write").isEqualTo(3L);
        assertQuiet(db);
        report(6, 2, "serialization failure (40001), retryWrites(true)", "the loser ran again and saw the winner's "
                + "write", "at its commit", "one retry", "nothing");
    }

    // ---------------------------------------------------------------- 7. a big update cancelled or killed

    @Test
    void aBigUpdateCancelledOrKilledHalfWayChangesAllRowsOrNone() throws SQLException {
        List<String> outcomes = new ArrayList<>();
        admin("insert into fault_rows select g, 0, null from generate_series(" + (ROWS + 1) + ", 200000) g");
        Grant db = connect(builder -> builder.poolSize(2).retry(RetryPolicy.none()));
        for (boolean kill : new boolean[] {false, true}) {
            admin("update fault_rows set v = 0");
            AsyncResult<Long> update = FaultRowAsync.where(DSL.condition("pg_sleep(0) is not null /* fault-7 */"))
                    .update(FaultRowAsync.V.set(7), FaultRowAsync.NOTE.set("changed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> update.isDone() || running("fault-7") == 1);
            if (kill) {
                cluster.terminateBackends(DATABASE);
            } else {
                update.cancel();
            }
            update.onError(error -> -1L);
            await().atMost(Duration.ofSeconds(10)).until(() -> running("fault-7") == 0);
            long changed = adminLong("select count(*) from fault_rows where v = 7");
            assertThat(changed).as(kill ? "killed" : "cancelled").isIn(0L, 200_000L);
            assertThat(adminLong("select count(*) from fault_rows where note = 'changed'")).isEqualTo(changed);
            outcomes.add((kill ? "killed: " : "cancelled: ") + changed + " of 200,000 rows changed");
        }
        assertQuiet(db);
        report(7, 0, "200,000-row update cancelled, then its backend killed, half-way", String.join("; ", outcomes),
                "at once", "at once", "nothing (all rows or none)");
    }

    // ---------------------------------------------------------------- 8. ten thousand operations under chaos

    @Test
    void tenThousandOperationsWithRandomTimeoutsCancelsAndFailuresLeaveExactMetricsAndNoStrayCancel() {
        for (int poolSize : new int[] {4, 1}) {
            Grant db = connectDirectly(builder -> builder.name("chaos-" + poolSize).poolSize(poolSize)
                    .retry(RetryPolicy.none()));
            chaos(db, poolSize);
        }
    }

    private void chaos(Grant db, int poolSize) {
        Condition broken = DSL.condition("no_such_column = 1");
        int cancelled = 0;
        int timedOut = 0;
        int failures = 0;
        List<String> stray = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int batch = 0; batch < 100; batch++) {
            List<AsyncResult<Long>> results = new ArrayList<>(100);
            int[] kinds = new int[100];
            for (int i = 0; i < 100; i++) {
                kinds[i] = random.nextInt(10);
                long id = 1 + random.nextInt(ROWS);
                results.add(switch (kinds[i]) {
                    case 0, 1 -> FaultRowAsync.where(broken).count();
                    case 2, 3 -> FaultRowAsync.where(FaultRowAsync.ID.eq(id)).where(slow("chaos", 0.002)).count();
                    default -> FaultRowAsync.where(FaultRowAsync.ID.eq(id)).count();
                });
            }
            for (int i = 0; i < 100; i++) {
                AsyncResult<Long> result = results.get(i);
                int action = random.nextInt(10);
                try {
                    if (action == 0 && result.cancel()) {
                        cancelled++;
                        continue;
                    }
                    if (action == 1) {
                        result.await(Duration.ofNanos(random.nextLong(1, 3_000_000)));
                    } else {
                        result.await();
                    }
                } catch (AsyncTimeoutException e) {
                    timedOut++;
                } catch (AsyncExecutionException e) {
                    if (kinds[i] <= 1) {
                        failures++;
                    } else {
                        stray.add(result.operation() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertThat(stray).as("operations nobody cancelled must never fail, least of all with 57014").isEmpty();
        assertQuiet(db);
        assertThat(db.metrics().totalOperations()).isEqualTo(10_000);
        assertThat(db.metrics().cancelledOperations()).isEqualTo(cancelled);
        assertThat(db.metrics().timedOutOperations()).isEqualTo(timedOut);
        assertThat(db.metrics().failedOperations()).isEqualTo(failures);
        // every lane is free: as many slow statements as the pool holds run at once
        List<AsyncResult<Object>> parallel = new ArrayList<>();
        for (int i = 0; i < poolSize; i++) {
            parallel.add(db.async("Parallel", dsl -> dsl.fetchValue("select pg_sleep(1) /* fault-8-parallel */")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running("fault-8-parallel") == poolSize);
        parallel.forEach(AsyncResult::await);
        report(8, poolSize == 4 ? 0 : 1, "10,000 operations, random timeouts, cancels, failing SQL, pool " + poolSize,
                cancelled + " cancelled, " + timedOut + " timed out, " + failures + " failed (SQL), metrics exact, "
                + "no stray 57014", "n/a", "every lane free after", "nothing");
    }

    // ---------------------------------------------------------------- 9. close with writes in flight

    @Test
    void closeWithWritesInFlightReportsEachWriteAsTheDatabaseHasIt() throws SQLException {
        Grant db = connectDirectly(builder -> builder.poolSize(4).batching(Batching.off()).retry(RetryPolicy.none()));
        List<AsyncResult<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int id = i;
            double pause = (i % 10) * 0.05;
            writes.add(db.async("Insert" + i, dsl -> dsl.execute(
                    "insert into fault_log (id) select ? from pg_sleep(?) /* fault-9 */", id, pause)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running("fault-9") > 0);
        long closing = System.nanoTime();
        db.close(Duration.ofMillis(150));
        String closeTook = since(closing);

        Set<Long> stored = ConcurrentHashMap.newKeySet();
        try (Connection connection = DriverManager.getConnection(cluster.url(DATABASE), "postgres", "");
                ResultSet rows = connection.createStatement().executeQuery("select id from fault_log")) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        int succeeded = 0;
        for (int i = 0; i < writes.size(); i++) {
            AsyncResult<Integer> write = writes.get(i);
            assertThat(write.isDone()).as("write %d has an outcome once close() returned", i).isTrue();
            if (write.state() == AsyncResult.State.SUCCESS) {
                succeeded++;
                assertThat(stored).as("write %d reported succeeded", i).contains((long) i);
            } else {
                assertThat(stored).as("write %d reported %s", i, write.state()).doesNotContain((long) i);
                // queued ones never ran; running ones had their statement cancelled on the server, and say by whom
                assertThat(write.state()).as("write %d", i).isEqualTo(AsyncResult.State.CANCELLED);
            }
        }
        assertThat(writes).as("a write that was running when close() stopped waiting says close() cancelled it")
                .anySatisfy(write -> assertThatThrownBy(write::await).hasMessageContaining("cancelled by db.close()"));
        assertThat(succeeded).as("some writes finished within the bound").isPositive();
        assertThat(succeeded).as("some writes did not").isLessThan(20);
        assertThat(running("fault-9")).isZero();
        Map<AsyncResult.State, Long> states = writes.stream().collect(java.util.stream.Collectors.groupingBy(
                AsyncResult::state, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        Set<String> errors = new java.util.TreeSet<>();
        writes.stream().filter(write -> write.state() == AsyncResult.State.FAILED)
                .forEach(write -> errors.add(String.valueOf(write.onError(error -> {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    errors.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    return -1;
                }))));
        errors.remove("-1");
        report(9, 0, "close(150 ms) with 20 writes in flight", states + (errors.isEmpty() ? "" : " " + errors)
                + "; each SUCCESS stored, no other stored",
                "n/a", "close() returned in " + closeTook,
                "nothing: every outcome matches the table");
    }
}
