package io.grant.it.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.async.AsyncTimeoutException;
import io.grant.it.Slow;
import io.grant.it.TestDatabase;
import io.grant.it.model.PurseAsync;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code AsyncScope.openConsistent(db)} (API.md section 9) on each database: reads in the scope see one snapshot
 * (tested the hard way, against a writer that moves money between purses all the time: the total never changes,
 * while the same reads in a plain scope do see a wrong total), in parallel on PostgreSQL, writes refused, and every
 * connection back when the scope closes.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a regression that blocks on a row lock fails, never hangs the build
class ConsistentScopeTest {

    private static final int PURSES = 40;
    private static final long EACH = 1_000;
    private static final long TOTAL = PURSES * EACH;
    @RegisterExtension
    static final PurseTables TABLES = new PurseTables(6);

    /** The database of {@code database} as the default, with {@link #PURSES} purses of {@link #EACH} each. */
    private static Grant open(TestDatabase database) {
        Grant db = TABLES.empty(database);
        for (int id = 1; id <= PURSES; id++) {
            db.dsl().execute("insert into tx_purses values (?, ?, ?)", id, "p" + id, EACH);
        }
        return db;
    }

    /** The sum of the balances of purses {@code from..to}, as a custom read: never fused with the others. */
    private static AsyncResult<Long> part(Grant db, int from, int to) {
        return db.async("part " + from, dsl -> dsl.fetchOne(
                "select coalesce(sum(balance), 0) from tx_purses where id between ? and ?", from, to).get(0, Long.class));
    }

    /** The total of all purses, read in four parts in {@code scope}, which must be open on this thread. */
    private static long totalInParts(Grant db, AsyncScope scope) {
        int quarter = PURSES / 4;
        List<AsyncResult<Long>> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(part(db, i * quarter + 1, (i + 1) * quarter));
        }
        // a companion read too, in the scope's snapshot
        AsyncResult<Long> count = PurseAsync.count();
        scope.join();
        assertThat(count.await()).isEqualTo(PURSES);
        return parts.stream().mapToLong(AsyncResult::await).sum();
    }

    // ---------------------------------------------------------------- one snapshot

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTransferCommittedBetweenTwoReadsIsNotSeenByTheSecondInAConsistentScope(TestDatabase database)
            throws Exception {
        Grant db = open(database);

        long plain;
        try (AsyncScope scope = AsyncScope.open()) {
            long first = part(db, 1, PURSES / 2).await();
            transfer(database, db, PURSES, 1, 300); // from the second half to the first, committed
            long second = part(db, PURSES / 2 + 1, PURSES).await();
            plain = first + second;
            scope.join();
        }
        long consistent;
        try (AsyncScope scope = AsyncScope.openConsistent(db)) {
            long first = part(db, 1, PURSES / 2).await();
            transfer(database, db, PURSES, 1, 300);
            long second = part(db, PURSES / 2 + 1, PURSES).await();
            consistent = first + second;
            scope.join();
        }

        assertThat(plain).as("a plain scope reads each part when it runs").isEqualTo(TOTAL - 300);
        assertThat(consistent).as("a consistent scope reads one snapshot").isEqualTo(TOTAL);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void whileAWriterMovesMoneyAllTheTimeAConsistentScopeAlwaysSeesTheSameTotal(TestDatabase database)
            throws Exception {
        Grant db = open(database);
        List<Long> wrong = new ArrayList<>();

        long transfers = withWriter(database, db, () -> {
            for (int i = 0; i < 300; i++) {
                try (AsyncScope scope = AsyncScope.openConsistent(db)) {
                    long total = totalInParts(db, scope);
                    if (total != TOTAL) {
                        wrong.add(total);
                    }
                }
            }
            return null;
        });

        assertThat(transfers).as("transfers committed while the scopes read").isPositive();
        assertThat(wrong).as("totals other than " + TOTAL).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSameReadsInAPlainScopeDoSeeAWrongTotal(TestDatabase database) throws Exception {
        Grant db = open(database);
        AtomicLong firstWrong = new AtomicLong();

        // the test above could fail: without one snapshot, parts read at different moments disagree
        withWriter(database, db, () -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (firstWrong.get() == 0 && System.nanoTime() < deadline) {
                try (AsyncScope scope = AsyncScope.open()) {
                    long total = totalInParts(db, scope);
                    if (total != TOTAL) {
                        firstWrong.set(total);
                    }
                }
            }
            return null;
        });

        assertThat(firstWrong.get()).as("a wrong total seen by a plain scope").isNotZero().isNotEqualTo(TOTAL);
    }

    /**
     * Runs {@code reader} while another thread moves random amounts between random purses, each move one committed
     * transaction of its own connection; returns how many moves committed meanwhile.
     */
    private static long withWriter(TestDatabase database, Grant db, Supplier<Void> reader) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong moved = new AtomicLong();
        String url = ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
        Thread writer = Thread.ofPlatform().name("transfers").start(() -> {
            SplittableRandom random = new SplittableRandom(42);
            try (Connection connection = DriverManager.getConnection(url, database.user(), database.password())) {
                connection.setAutoCommit(false);
                while (!stop.get()) {
                    int from = random.nextInt(1, PURSES + 1);
                    int to = random.nextInt(1, PURSES + 1);
                    move(connection, from, to, random.nextInt(1, 50));
                    connection.commit();
                    moved.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> moved.get() > 0);
            reader.get();
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(db.dsl().fetchOne("select sum(balance) from tx_purses").get(0, Long.class)).isEqualTo(TOTAL);
        return moved.get();
    }

    private static void move(Connection connection, int from, int to, long amount) throws Exception {
        try (PreparedStatement debit = connection.prepareStatement(
                "update tx_purses set balance = balance - ? where id = ?");
                PreparedStatement credit = connection.prepareStatement(
                        "update tx_purses set balance = balance + ? where id = ?")) {
            debit.setLong(1, amount);
            debit.setInt(2, from);
            debit.executeUpdate();
            credit.setLong(1, amount);
            credit.setInt(2, to);
            credit.executeUpdate();
        }
    }

    /** Moves {@code amount} from purse {@code from} to purse {@code to} in a committed transaction of its own. */
    private static void transfer(TestDatabase database, Grant db, int from, int to, long amount) throws Exception {
        String url = ((com.zaxxer.hikari.HikariDataSource) db.dataSource()).getJdbcUrl();
        try (Connection connection = DriverManager.getConnection(url, database.user(), database.password())) {
            connection.setAutoCommit(false);
            move(connection, from, to, amount);
            connection.commit();
        }
    }

    // ---------------------------------------------------------------- parallel or not, writes, the end

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void onPostgresqlTheReadsRunInParallelOnConnectionsSharingTheSnapshot(TestDatabase database) throws Exception {
        Grant db = open(database);
        CyclicBarrier together = new CyclicBarrier(2);

        try (AsyncScope scope = AsyncScope.openConsistent(db)) {
            if (database != TestDatabase.POSTGRES) {
                assertThat(scope.parallel()).isFalse();
                return;
            }
            assertThat(scope.parallel()).isTrue();
            // each read waits for the other: they can only both finish if they run at the same time
            List<AsyncResult<List<Object>>> reads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reads.add(db.async("together", dsl -> {
                    Object pid = dsl.fetchOne("select pg_backend_pid()").get(0);
                    try {
                        together.await(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other read did not run meanwhile", e);
                    }
                    Object total = dsl.fetchOne("select sum(balance) from tx_purses").get(0);
                    return List.of(pid, total);
                }));
                if (i == 0) {
                    transfer(database, db, 1, 2, 10); // committed after the snapshot was taken: seen by neither
                }
            }
            scope.join();
            assertThat(reads.get(0).await().get(0)).isNotEqualTo(reads.get(1).await().get(0));
            assertThat(reads.get(0).await().get(1).toString()).isEqualTo(String.valueOf(TOTAL));
            assertThat(reads.get(1).await().get(1).toString()).isEqualTo(String.valueOf(TOTAL));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aWriteInAConsistentScopeFailsAtOnce(TestDatabase database) {
        Grant db = open(database);

        try (AsyncScope scope = AsyncScope.openConsistent(db)) {
            assertThatThrownBy(() -> PurseAsync.where(PurseAsync.ID.eq(1L)).update(PurseAsync.BALANCE.set(0L)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Purse.update")
                    .hasMessageContaining("consistent AsyncScope");
            assertThatThrownBy(() -> db.transaction(tx -> 1)).isInstanceOf(IllegalStateException.class);
            AsyncResult<Long> count = PurseAsync.count();
            scope.join();
            assertThat(count.await()).isEqualTo(PURSES);
        }
        assertThat(PurseAsync.where(PurseAsync.ID.eq(1L)).update(PurseAsync.BALANCE.set(EACH)).await()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConsistentScopeInsideATransactionIsRefused(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Object> refused = db.transaction(tx -> {
            try (AsyncScope scope = AsyncScope.openConsistent(db)) {
                scope.join();
            }
            return null;
        });

        assertThatThrownBy(refused::await).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDeadlineCancelsTheReadsOnTheServerAndGivesTheConnectionsBack(TestDatabase database) {
        Grant db = open(database);

        try (AsyncScope scope = AsyncScope.openConsistent(db, Duration.ofMillis(500))) {
            db.async("slow", dsl -> Slow.run(database, dsl));
            AsyncResult<Long> count = PurseAsync.count();
            assertThatThrownBy(scope::join).isInstanceOf(AsyncTimeoutException.class);
            assertThat(count.isDone()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Slow.running(database, db) == 0);
        if (database == TestDatabase.POSTGRES) {
            assertThat(db.dsl().fetchOne("select count(*) from pg_stat_activity where state like 'idle in transaction%'"
                    + " and datname = current_database()").get(0, Long.class)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void scopesClosedByDeadlinesAndCancelsAtAnyMomentLeaveNoConnectionOrTransactionBehind(TestDatabase database) {
        Grant db = open(database);
        SplittableRandom random = new SplittableRandom(11);
        int completed = 0;

        for (int i = 0; i < 1000; i++) {
            try (AsyncScope scope = AsyncScope.openConsistent(db, Duration.ofNanos(random.nextLong(200_000, 5_000_000)))) {
                List<AsyncResult<Long>> reads = new ArrayList<>();
                for (int r = 0; r < 4; r++) {
                    reads.add(r % 2 == 0 ? part(db, r * 10 + 1, r * 10 + 10) : PurseAsync.count());
                }
                if (random.nextBoolean()) {
                    reads.get(random.nextInt(reads.size())).cancel();
                }
                try {
                    scope.join();
                    completed++;
                } catch (io.grant.async.AsyncException e) {
                    assertThat(e).isInstanceOfAny(AsyncTimeoutException.class,
                            io.grant.async.AsyncExecutionException.class);
                }
            }
        }

        assertThat(completed).as("scopes that finished in time").isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.activeConnections() == 0);
        if (database == TestDatabase.POSTGRES) {
            assertThat(db.dsl().fetchOne("select count(*) from pg_stat_activity where state like 'idle in transaction%'"
                    + " and datname = current_database()").get(0, Long.class)).isZero();
        }
        try (AsyncScope scope = AsyncScope.openConsistent(db)) {
            assertThat(totalInParts(db, scope)).isEqualTo(TOTAL);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void forksShareTheSnapshot(TestDatabase database) throws Exception {
        Grant db = open(database);

        try (AsyncScope scope = AsyncScope.openConsistent(db)) {
            long before = part(db, 1, PURSES).await();
            transfer(database, db, 1, 2, 5);
            AsyncResult<Long> forked = scope.fork("forked", () -> part(db, 1, 1).await());
            scope.join();
            assertThat(before).isEqualTo(TOTAL);
            assertThat(forked.await()).as("purse 1 as the snapshot had it").isEqualTo(EACH);
        }
        assertThat(part(db, 1, 1).await()).isEqualTo(EACH - 5);
    }
}
