package io.grant.it.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.Isolation;
import io.grant.TransactionOptions;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.async.AsyncTimeoutException;
import io.grant.it.Slow;
import io.grant.it.TestDatabase;
import io.grant.it.model.Purse;
import io.grant.it.model.PurseAsync;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transactions (API.md section 9) on each database: commit, rollback on a throw, a cancel and a timeout (the running
 * statement cancelled on the server first), nothing of the work left afterwards, every operation created inside
 * running on the transaction's connection in order (never outside it, the classic escape of async libraries),
 * savepoints, read-only and isolation options, and every connection back in the pool.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a regression that blocks on a row lock fails, never hangs the build
class TransactionsTest {

    @RegisterExtension
    static final PurseTables TABLES = new PurseTables(4);

    /** The database of {@code database} as the default, with purses 1 and 2 holding 100 each. */
    private static Grant open(TestDatabase database) {
        Grant db = TABLES.empty(database);
        db.dsl().execute("insert into tx_purses values (1, 'ada', 100), (2, 'bob', 100)");
        return db;
    }

    private static long balance(long id) {
        return Grant.getDefault().dsl().fetchOne("select balance from tx_purses where id = ?", id).get(0, Long.class);
    }

    private static long purses() {
        return Grant.getDefault().dsl().fetchCount(DSL.table("tx_purses"));
    }

    private static AsyncResult<Long> setBalance(long id, long balance) {
        return PurseAsync.where(PurseAsync.ID.eq(id)).update(PurseAsync.BALANCE.set(balance));
    }

    // ---------------------------------------------------------------- commit and rollback

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void commitsWhenTheWorkReturns(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Long> moved = db.transaction(tx -> {
            setBalance(1, 70).await();
            setBalance(2, 130).await();
            PurseAsync.insert(new Purse(3L, "cy", 0)).await();
            return PurseAsync.sum(PurseAsync.BALANCE).await();
        });

        assertThat(moved.await()).isEqualTo(200L);
        assertThat(moved.operation()).isEqualTo(db.name() + ".transaction");
        assertThat(balance(1)).isEqualTo(70);
        assertThat(balance(2)).isEqualTo(130);
        assertThat(purses()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rollsBackWhenTheWorkThrowsAndFailsWithWhatItThrew(TestDatabase database) {
        Grant db = open(database);
        IllegalArgumentException refused = new IllegalArgumentException("insufficient funds");

        AsyncResult<Object> failed = db.transaction(tx -> {
            setBalance(1, 0).await();
            PurseAsync.insert(new Purse(3L, "cy", 200)).await();
            tx.dsl().execute("update tx_purses set balance = balance + 1 where id = 2");
            throw refused;
        });

        assertThatThrownBy(failed::await).isInstanceOf(AsyncExecutionException.class).hasCause(refused);
        assertThat(failed.state()).isEqualTo(AsyncResult.State.FAILED);
        assertThat(balance(1)).isEqualTo(100);
        assertThat(balance(2)).isEqualTo(100);
        assertThat(purses()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aWriteNobodyAwaitedDoesNotSurviveARollback(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Object> failed = db.transaction(tx -> {
            PurseAsync.insert(new Purse(3L, "cy", 1)).map(Purse::id);  // never awaited
            setBalance(1, 5);                                           // never awaited
            db.async("raw insert", dsl -> dsl.execute("insert into tx_purses values (4, 'dan', 1)"));
            db.dsl().execute("insert into tx_purses values (5, 'eve', 1)");
            try (AsyncScope scope = AsyncScope.open()) {
                scope.fork("forked insert", () -> PurseAsync.insert(new Purse(6L, "fay", 1)).await());
                PurseAsync.insert(new Purse(7L, "gus", 1));
                scope.join();
            }
            throw new IllegalStateException("changed my mind");
        });

        assertThatThrownBy(failed::await).hasRootCauseMessage("changed my mind");
        assertThat(purses()).isEqualTo(2);
        assertThat(balance(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void whatTheWorkDidNotAwaitRunsBeforeTheCommitInTheOrderCreated(TestDatabase database) {
        Grant db = open(database);

        // balance = balance * 10 + i for i = 1..6: only the order created gives 100123456
        AsyncResult<String> done = db.transaction(tx -> {
            for (int i = 1; i <= 6; i++) {
                int digit = i;
                db.async("step " + i, dsl -> dsl.execute(
                        "update tx_purses set balance = balance * 10 + " + digit + " where id = 1"));
            }
            return "sent";
        });

        assertThat(done.await()).isEqualTo("sent");
        assertThat(balance(1)).isEqualTo(100123456L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void operationsInsideRunOnTheTransactionsConnectionAndSeeItsUncommittedWrites(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<List<Long>> seen = db.transaction(tx -> {
            PurseAsync.insert(new Purse(3L, "cy", 5)).await();
            tx.dsl().execute("update tx_purses set balance = 7 where id = 3");
            List<Long> inside = new ArrayList<>();
            inside.add(PurseAsync.count().await());                              // companion
            inside.add(PurseAsync.find(3L).await().orElseThrow().balance());     // coalescable lookup, alone here
            inside.add(db.dsl().fetchOne("select balance from tx_purses where id = 3").get(0, Long.class)); // db.dsl()
            inside.add(db.async("count", dsl -> (long) dsl.fetchCount(DSL.table("tx_purses"))).await());
            inside.add(AsyncResult.supply("supplied", () -> PurseAsync.count().await()).await());
            // another connection does not see it yet
            inside.add(outsideCount(database));
            return inside;
        });

        assertThat(seen.await()).containsExactly(3L, 7L, 7L, 3L, 3L, 2L);
        assertThat(purses()).isEqualTo(3);
    }

    /** Counts the purses from a connection of its own, outside any transaction. */
    private static long outsideCount(TestDatabase database) throws Exception {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                Grant.getDefault().dataSource() instanceof com.zaxxer.hikari.HikariDataSource hikari
                        ? hikari.getJdbcUrl() : null, database.user(), database.password());
                java.sql.ResultSet rows = connection.createStatement().executeQuery("select count(*) from tx_purses")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureNobodyHandledRollsTheTransactionBack(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<String> failed = db.transaction(tx -> {
            setBalance(1, 50);
            PurseAsync.insert(new Purse(2L, "duplicate", 1)); // fails: id 2 exists; nobody awaits it
            return "done";
        });

        assertThatThrownBy(failed::await).isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("Purse.insert").hasMessageContaining("nothing handled it");
        assertThat(balance(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureTheWorkHandledDoesNotStopTheCommitWhereTheDatabaseAllowsIt(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<String> outcome = db.transaction(tx -> {
            setBalance(1, 50).await();
            String recovered = PurseAsync.insert(new Purse(2L, "duplicate", 1)).map(p -> "inserted")
                    .onError(e -> "refused");
            return recovered;
        });

        if (database == TestDatabase.POSTGRES) {
            // PostgreSQL aborts a transaction at its first error: the commit fails, it never reports success
            assertThatThrownBy(outcome::await).isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("rolled back").hasMessageContaining("Purse.insert");
            assertThat(balance(1)).isEqualTo(100);
        } else {
            assertThat(outcome.await()).isEqualTo("refused");
            assertThat(balance(1)).isEqualTo(50);
        }
    }

    // ---------------------------------------------------------------- cancel and timeout

    /**
     * pgjdbc begins a transaction lazily, sending {@code BEGIN} as a query of its own just in front of the first
     * statement; a cancel that landed on that {@code BEGIN} let the statement behind it run outside the transaction,
     * committed at once ({@link TransactionRacesTest} caught a cancelled transaction's first insert stored). So the
     * transaction is begun on the server before the work runs.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "POSTGRES")
    void theTransactionHasBegunOnTheServerBeforeTheWorkRuns(TestDatabase database) {
        Grant db = open(database);

        String state = db.transaction(tx -> {
            int backend = tx.dsl().connectionResult(connection -> connection.unwrap(PGConnection.class)
                    .getBackendPID()); // asks pgjdbc, sends nothing
            try (Connection other = DriverManager.getConnection(database.url(), database.user(), database.password());
                    PreparedStatement activity = other.prepareStatement(
                            "select state from pg_stat_activity where pid = ?")) {
                activity.setInt(1, backend);
                try (ResultSet row = activity.executeQuery()) {
                    row.next();
                    return row.getString(1);
                }
            }
        }).await();

        assertThat(state).isEqualTo("idle in transaction");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCancelStopsTheRunningStatementOnTheServerAndRollsBack(TestDatabase database) {
        Grant db = open(database);
        CountDownLatch inserted = new CountDownLatch(1);

        AsyncResult<Object> slow = db.transaction(tx -> {
            PurseAsync.insert(new Purse(3L, "cy", 1)).await();
            inserted.countDown();
            return Slow.run(database, tx.dsl());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> inserted.getCount() == 0 && Slow.running(database, db) == 1);

        assertThat(slow.cancel()).isTrue();

        assertThatThrownBy(slow::await).isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(CancellationException.class);
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        // await returns once the transaction has rolled back
        assertThat(purses()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Slow.running(database, db) == 0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCancelWhileTheWorkAwaitsAnOperationStopsThatOperationOnTheServer(TestDatabase database) {
        Grant db = open(database);
        CountDownLatch inserted = new CountDownLatch(1);

        AsyncResult<Object> slow = db.transaction(tx -> {
            setBalance(1, 0).await();
            inserted.countDown();
            return db.async("slow", dsl -> Slow.run(database, dsl)).await();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> inserted.getCount() == 0 && Slow.running(database, db) == 1);

        slow.cancel();

        assertThatThrownBy(slow::await).hasCauseInstanceOf(CancellationException.class);
        assertThat(balance(1)).isEqualTo(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> Slow.running(database, db) == 0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCancelWhileTheWorkRunsJavaCodeInterruptsItAndRollsBack(TestDatabase database) {
        Grant db = open(database);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);

        AsyncResult<Object> blocked = db.transaction(tx -> {
            setBalance(1, 0).await();
            started.countDown();
            return never.await(1, TimeUnit.HOURS);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> started.getCount() == 0);

        blocked.cancel();

        assertThatThrownBy(blocked::await).hasCauseInstanceOf(CancellationException.class);
        assertThat(balance(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aTimeoutCancelsTheStatementRollsBackAndSaysSo(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Object> slow = db.transaction(TransactionOptions.defaults().timeout(Duration.ofMillis(500)),
                tx -> {
                    PurseAsync.insert(new Purse(3L, "cy", 1)).await();
                    return Slow.run(database, tx.dsl());
                });

        assertThatThrownBy(slow::await).isInstanceOf(AsyncTimeoutException.class)
                .hasMessageContaining(db.name() + ".transaction");
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThat(purses()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> Slow.running(database, db) == 0);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void awaitWithATimeoutCancelsTheTransaction(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Object> slow = db.transaction(tx -> {
            setBalance(2, 0).await();
            return Slow.run(database, tx.dsl());
        });

        assertThatThrownBy(() -> slow.await(Duration.ofMillis(300))).isInstanceOf(AsyncTimeoutException.class);
        assertThat(balance(2)).isEqualTo(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> Slow.running(database, db) == 0);
    }

    // ---------------------------------------------------------------- after the end, and other databases

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anOperationCreatedInsideAfterTheTransactionEndedIsRefusedNotRunOutside(TestDatabase database)
            throws Exception {
        Grant db = open(database);
        CountDownLatch committed = new CountDownLatch(1);
        AtomicReference<AsyncResult<Long>> late = new AtomicReference<>();

        db.transaction(tx -> {
            late.set(AsyncResult.supply("late", () -> {
                committed.await();
                return setBalance(1, 0).await();
            }));
            return null;
        }).await();
        committed.countDown();

        assertThatThrownBy(() -> late.get().await()).isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("created inside the transaction").hasMessageContaining("never outside it");
        assertThat(balance(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void operationsOnAnotherDatabaseAreNotPartOfTheTransaction(TestDatabase database) {
        Grant db = open(database);
        Grant other = TestDatabase.H2.connect(2);
        try {
            other.dsl().execute("create table tx_purses (id bigint primary key, owner varchar(20) not null, "
                    + "balance bigint not null)");

            AsyncResult<Object> failed = db.transaction(tx -> {
                setBalance(1, 0).await();
                PurseAsync.on(other).insert(new Purse(9L, "elsewhere", 1)).await();
                throw new IllegalStateException("roll back");
            });

            assertThatThrownBy(failed::await).hasRootCauseMessage("roll back");
            assertThat(balance(1)).isEqualTo(100);
            assertThat(other.dsl().fetchCount(DSL.table("tx_purses"))).isEqualTo(1);
        } finally {
            other.close();
        }
    }

    // ---------------------------------------------------------------- savepoints

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNestedTransactionIsASavepoint(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Boolean> outer = db.transaction(tx -> {
            PurseAsync.insert(new Purse(3L, "kept before", 1)).await();
            AsyncResult<Object> inner = db.transaction(nested -> {
                assertThat(nested.nested()).isTrue();
                PurseAsync.insert(new Purse(4L, "rolled back", 1)).await();
                setBalance(1, 0).await();
                throw new IllegalStateException("inner fails");
            });
            assertThatThrownBy(inner::await).hasRootCauseMessage("inner fails");
            Long count = db.transaction(nested -> PurseAsync.insert(new Purse(5L, "kept nested", 1))
                    .flatMap(p -> PurseAsync.count()).await()).await();
            assertThat(count).isEqualTo(4L);
            PurseAsync.insert(new Purse(6L, "kept after", 1)).await();
            return tx.nested();
        });

        assertThat(outer.await()).isFalse();
        assertThat(PurseAsync.ids().await()).containsExactlyInAnyOrder(1L, 2L, 3L, 5L, 6L);
        assertThat(balance(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNestedTransactionRefusesOptionsOnlyTheOuterOneCanHave(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Object> outer = db.transaction(tx -> db.transaction(
                TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE), nested -> 1).await());

        assertThatThrownBy(outer::await).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("savepoint");
    }

    // ---------------------------------------------------------------- options

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReadOnlyTransactionRefusesGrantsWritesAtOnce(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Long> readOnly = db.transaction(TransactionOptions.defaults().readOnly(), tx -> {
            assertThatThrownBy(() -> setBalance(1, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only").hasMessageContaining("Purse.update");
            return PurseAsync.count().await();
        });

        assertThat(readOnly.await()).isEqualTo(2L);
        assertThat(balance(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "MARIADB"})
    void aReadOnlyTransactionIsReadOnlyInTheDatabase(TestDatabase database) {
        Grant db = open(database);

        AsyncResult<Integer> write = db.transaction(TransactionOptions.defaults().readOnly(),
                tx -> tx.dsl().execute("update tx_purses set balance = 0 where id = 1"));

        assertThatThrownBy(write::await).hasCauseInstanceOf(DataAccessException.class);
        assertThat(balance(1)).isEqualTo(100);
        // the connection is read-write again for what comes next
        assertThat(db.transaction(tx -> setBalance(1, 1).await()).await()).isEqualTo(1L);
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES", "MARIADB"})
    void theIsolationLevelIsTheOneAskedForAndTheConnectionGetsItsOwnBack(TestDatabase database) {
        Grant db = open(database);
        String query = database == TestDatabase.POSTGRES ? "select current_setting('transaction_isolation')"
                : "select @@tx_isolation";

        String inside = db.transaction(TransactionOptions.defaults().isolation(Isolation.SERIALIZABLE),
                tx -> tx.dsl().fetchOne(query).get(0, String.class)).await();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // every connection of the pool, once it is back
            after.add(db.transaction(tx -> tx.dsl().fetchOne(query).get(0, String.class)).await());
        }

        assertThat(inside.toLowerCase(java.util.Locale.ROOT)).contains("serializable");
        assertThat(after).allSatisfy(level -> assertThat(level.toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("serializable"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoTransactionsUpdatingTwoRowsInOppositeOrderEndWithOneRetriedAndBothApplied(TestDatabase database) {
        Grant db = open(database);
        CountDownLatch bothLockedTheirFirstRow = new CountDownLatch(2);
        TransactionOptions retried = TransactionOptions.defaults().retries(3);

        AsyncResult<Integer> first = db.transaction(retried, tx -> moveOne(db, tx, 1, 2, bothLockedTheirFirstRow));
        AsyncResult<Integer> second = db.transaction(retried, tx -> moveOne(db, tx, 2, 1, bothLockedTheirFirstRow));

        // the database broke the deadlock by failing one of them; that one ran again, after the other committed
        assertThat(List.of(first.await(), second.await())).containsExactlyInAnyOrder(0, 1);
        assertThat(balance(1)).isEqualTo(100);
        assertThat(balance(2)).isEqualTo(100);
        assertThat(db.dsl().fetchOne("select sum(balance) from tx_purses").get(0, Long.class)).isEqualTo(200L);
        assertThat(db.dsl().fetchOne("select count(*) from tx_purses where owner like '%+%'").get(0, Long.class))
                .isEqualTo(2L);
    }

    /**
     * Moves 1 from {@code from} to {@code to}, marking both rows; the first run waits until the other transaction has
     * locked its first row too, so that each then waits for the other's: a deadlock.
     */
    private static int moveOne(Grant db, io.grant.Transaction tx, long from, long to, CountDownLatch bothLocked)
            throws InterruptedException {
        tx.dsl().execute("update tx_purses set balance = balance - 1, owner = concat(owner, '-') where id = ?", from);
        if (tx.attempt() == 0) {
            bothLocked.countDown();
            assertThat(bothLocked.await(20, TimeUnit.SECONDS)).isTrue();
        }
        // through an operation: the deadlock error reaches the work wrapped in an AsyncExecutionException
        db.async("credit", dsl -> dsl.execute(
                "update tx_purses set balance = balance + 1, owner = concat(owner, '+') where id = ?", to)).await();
        return tx.attempt();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withoutRetriesADeadlockFailsTheTransactionWithTheDatabasesError(TestDatabase database) {
        Grant db = open(database);
        CountDownLatch bothLockedTheirFirstRow = new CountDownLatch(2);

        AsyncResult<Integer> first = db.transaction(tx -> moveOne(db, tx, 1, 2, bothLockedTheirFirstRow));
        AsyncResult<Integer> second = db.transaction(tx -> moveOne(db, tx, 2, 1, bothLockedTheirFirstRow));
        List<AsyncResult<Integer>> both = List.of(first, second);
        both.forEach(result -> result.onError(e -> -1));

        assertThat(both).filteredOn(result -> result.state() == AsyncResult.State.FAILED).hasSize(1);
        assertThat(balance(1) + balance(2)).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anErrorThatIsNotASerializationFailureIsNeverRetried(TestDatabase database) {
        Grant db = open(database);
        AtomicInteger runs = new AtomicInteger();

        AsyncResult<Object> failed = db.transaction(TransactionOptions.defaults().retries(5), tx -> {
            runs.incrementAndGet();
            return PurseAsync.insert(new Purse(1L, "duplicate", 1)).await();
        });

        assertThatThrownBy(failed::await).isInstanceOf(AsyncExecutionException.class);
        assertThat(runs).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConnectionAfterATransactionIsInAutoCommitAgain(TestDatabase database) {
        Grant db = open(database);
        db.transaction(tx -> setBalance(1, 1).await()).await();

        // an update outside any transaction is visible to others at once
        assertThat(setBalance(2, 2).await()).isEqualTo(1L);
        assertThat(balance(2)).isEqualTo(2L);
        assertThat(PurseAsync.find(2L).await().orElseThrow().balance()).isEqualTo(2L);
    }
}
