package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Batching;
import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.it.Slow;
import io.grant.it.TestDatabase;
import io.grant.it.model.Member;
import io.grant.it.model.MemberAsync;
import io.grant.metrics.AsyncMetrics;
import io.grant.query.RecordNotFoundException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Operations issued together share statements and round trips (API.md section 10), and every member gets exactly
 * what it would get alone, whatever happens to the others: a failure, a cancel, a timeout.
 */
class BatchingTest extends GeneratedTestBase {

    /**
     * A database whose batching window is long (1 s), so that what a test creates back to back is sent together
     * when it waits, however slowly a busy machine runs the test: counts of statements are then exact.
     */
    @Override
    Grant open(TestDatabase database) {
        return open(database, longWindow());
    }

    /** What the database was sent while {@code work} ran: statements and round trips. */
    private record Sent(long statements, long roundTrips) {}

    private Sent sent(Runnable work) {
        AsyncMetrics metrics = db.metrics();
        long statements = metrics.statements();
        long trips = metrics.roundTrips();
        work.run();
        return new Sent(metrics.statements() - statements, metrics.roundTrips() - trips);
    }

    private static Member member(long id, String name, int age) {
        return new Member(id, name, name.toLowerCase() + "@example.com", id % 2 == 0, age,
                BigDecimal.valueOf(id * 10), NOW, null);
    }

    private void insertMany(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 4; i < 4 + count; i++) {
            members.add(member(i, "M" + i, 20 + i % 50));
        }
        insert(db, members.toArray(Member[]::new));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aggregatesIssuedTogetherRunAsOneStatementWithTheirOwnFilters(TestDatabase database) {
        open(database);
        insertMembers();
        List<Object> batched = new ArrayList<>();
        Sent sent = sent(() -> {
            AsyncResult<Long> all = MemberAsync.count();
            AsyncResult<Long> active = MemberAsync.where(MemberAsync.ACTIVE.isTrue()).count();
            AsyncResult<Long> ageSum = MemberAsync.where(MemberAsync.AGE.ge(40)).sum(MemberAsync.AGE);
            AsyncResult<Optional<BigDecimal>> avg = MemberAsync.avg(MemberAsync.AGE);
            AsyncResult<Optional<String>> minName = MemberAsync.where(MemberAsync.AGE.gt(30)).min(MemberAsync.NAME);
            AsyncResult<Optional<Integer>> maxAge = MemberAsync.where(MemberAsync.ACTIVE.isFalse()).max(MemberAsync.AGE);
            AsyncResult<Boolean> exists = MemberAsync.where(MemberAsync.NAME.eq("Bob")).exists();
            AsyncResult<Boolean> none = MemberAsync.where(MemberAsync.NAME.eq("Zed")).exists();
            for (AsyncResult<?> result : List.of(all, active, ageSum, avg, minName, maxAge, exists, none)) {
                batched.add(result.await());
            }
        });
        assertThat(batched).containsExactly(3L, 2L, 90L, Optional.of(new BigDecimal("40").stripTrailingZeros()), Optional.of("Bob"),
                Optional.of(40), true, false);
        assertThat(sent).isEqualTo(new Sent(1, 1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fusedValuesAreTheValuesEachWouldGetAlone(TestDatabase database) {
        open(database);
        insertMembers();
        insertMany(40);
        List<Object> batched = aggregates();
        try (Grant alone = Grant.builder().dataSource(db.dataSource()).dialect(database.dialect()).poolSize(4)
                .batching(Batching.off()).build()) {
            Grant.setDefault(alone);
            long before = alone.metrics().statements();
            List<Object> unbatched = aggregates();
            assertThat(alone.metrics().statements() - before).isEqualTo(unbatched.size());
            assertThat(batched).isEqualTo(unbatched);
        } finally {
            Grant.setDefault(db);
        }
    }

    /** Every kind of aggregate, over every row and over filtered and windowed rows. */
    private static List<Object> aggregates() {
        List<AsyncResult<?>> results = List.of(
                MemberAsync.count(),
                MemberAsync.where(MemberAsync.AGE.between(25, 45)).count(),
                MemberAsync.sum(MemberAsync.BALANCE),
                MemberAsync.where(MemberAsync.ACTIVE.isTrue()).sum(MemberAsync.AGE),
                MemberAsync.where(MemberAsync.NAME.startsWith("M1")).avg(MemberAsync.BALANCE),
                MemberAsync.avg(MemberAsync.AGE),
                MemberAsync.min(MemberAsync.UPDATED_AT),
                MemberAsync.where(MemberAsync.EMAIL.isNull()).max(MemberAsync.NAME),
                MemberAsync.where(MemberAsync.AGE.gt(1000)).max(MemberAsync.AGE),
                MemberAsync.where(MemberAsync.AGE.gt(1000)).sum(MemberAsync.BALANCE),
                MemberAsync.query().orderBy(MemberAsync.ID.desc()).limit(5).sum(MemberAsync.AGE),
                MemberAsync.query().orderBy(MemberAsync.ID.desc()).limit(5).count(),
                MemberAsync.where(MemberAsync.AGE.lt(0)).exists(),
                MemberAsync.exists());
        List<Object> values = new ArrayList<>();
        for (AsyncResult<?> result : results) {
            values.add(result.await());
        }
        return values;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fiveAggregatesInAScopeRunAsOneStatement(TestDatabase database) {
        open(database);
        insertMembers();
        Sent sent = sent(() -> {
            try (AsyncScope scope = AsyncScope.open()) {
                AsyncResult<Long> count = MemberAsync.count();
                AsyncResult<Long> sum = MemberAsync.sum(MemberAsync.AGE);
                AsyncResult<Optional<BigDecimal>> avg = MemberAsync.avg(MemberAsync.AGE);
                AsyncResult<Optional<Integer>> min = MemberAsync.min(MemberAsync.AGE);
                AsyncResult<Optional<Integer>> max = MemberAsync.max(MemberAsync.AGE);
                scope.join();
                assertThat(List.of(count.await(), sum.await(), avg.await(), min.await(), max.await())).containsExactly(
                        3L, 120L, Optional.of(new BigDecimal("40").stripTrailingZeros()), Optional.of(30), Optional.of(50));
            }
        });
        assertThat(sent).isEqualTo(new Sent(1, 1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void lookupsOnOneColumnShareOneQueryAndEachGetsItsOwnRow(TestDatabase database) {
        open(database);
        insertMembers();
        Sent sent = sent(() -> {
            AsyncResult<Optional<Member>> ann = MemberAsync.find(1L);
            AsyncResult<Optional<Member>> annAgain = MemberAsync.find(1L);
            AsyncResult<Optional<Member>> missing = MemberAsync.find(99L);
            AsyncResult<Member> bob = MemberAsync.findOrThrow(2L);
            AsyncResult<Member> none = MemberAsync.findOrThrow(98L);
            AsyncResult<Optional<Member>> cid = MemberAsync.findBy(MemberAsync.ID, 3L);
            assertThat(ann.await()).contains(ANN);
            assertThat(annAgain.await()).contains(ANN);
            assertThat(missing.await()).isEmpty();
            assertThat(bob.await()).isEqualTo(BOB);
            assertThatThrownBy(none::await).isInstanceOf(AsyncExecutionException.class)
                    .hasCauseInstanceOf(RecordNotFoundException.class)
                    .hasMessageContaining("Member with id 98 not found")
                    .satisfies(e -> assertThat(((RecordNotFoundException) e.getCause()).id()).isEqualTo(98L));
            assertThat(cid.await()).contains(CID);
        });
        assertThat(sent).isEqualTo(new Sent(1, 1));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void findByOnAColumnThatIsNotUniqueGetsTheFirstRowByIdOfEachValue(TestDatabase database) {
        open(database);
        insertMembers();
        insertMany(60); // ages 24..73, each age on more than one row
        AsyncResult<Optional<Member>> thirty = MemberAsync.findBy(MemberAsync.AGE, 30);
        AsyncResult<Optional<Member>> fifty = MemberAsync.findBy(MemberAsync.AGE, 50);
        AsyncResult<Optional<Member>> never = MemberAsync.findBy(MemberAsync.AGE, 7);
        AsyncResult<Optional<Member>> bobByEmail = MemberAsync.findBy(MemberAsync.EMAIL, "bob@example.com");
        AsyncResult<Optional<Member>> nobody = MemberAsync.findBy(MemberAsync.EMAIL, "nobody@example.com");
        AsyncResult<Optional<Member>> noEmail = MemberAsync.findBy(MemberAsync.EMAIL, null);
        assertThat(thirty.await()).contains(ANN);
        assertThat(fifty.await()).contains(CID);
        assertThat(never.await()).isEmpty();
        assertThat(bobByEmail.await()).contains(BOB);
        assertThat(nobody.await()).isEmpty();
        assertThat(noEmail.await()).contains(CID);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void thousandsOfLookupsGoInChunks(TestDatabase database) {
        open(database);
        insertMembers();
        insertMany(500);
        List<AsyncResult<Optional<Member>>> found = new ArrayList<>();
        Sent sent = sent(() -> {
            for (long id = 1; id <= 2_500; id++) {
                found.add(MemberAsync.find(id));
            }
            for (int i = 0; i < found.size(); i++) {
                Optional<Member> row = found.get(i).await();
                assertThat(row.map(Member::id)).as("id %d", i + 1).isEqualTo(i + 1 <= 503 ? Optional.of(i + 1L)
                        : Optional.empty());
            }
        });
        assertThat(sent.statements()).isBetween(3L, 20L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void smallReadsIssuedTogetherShareARoundTripWhereTheDriverPipelines(TestDatabase database) {
        open(database);
        insertMembers();
        List<Object> values = new ArrayList<>();
        Sent sent = sent(() -> {
            List<AsyncResult<?>> results = List.of(
                    MemberAsync.count(),
                    MemberAsync.find(1L),
                    MemberAsync.findBy(MemberAsync.NAME, "Bob"),
                    MemberAsync.first(),
                    MemberAsync.last(),
                    MemberAsync.query().orderBy(MemberAsync.NAME.desc()).pick(MemberAsync.NAME),
                    MemberAsync.query().orderBy(MemberAsync.ID.asc()).limit(2).pluck(MemberAsync.NAME),
                    MemberAsync.where(MemberAsync.ACTIVE.isTrue()).orderBy(MemberAsync.ID.asc()).limit(5).select(),
                    MemberAsync.max(MemberAsync.AGE),
                    MemberAsync.where(MemberAsync.AGE.gt(45)).exists());
            for (AsyncResult<?> result : results) {
                values.add(result.await());
            }
        });
        assertThat(values).containsExactly(3L, Optional.of(ANN), Optional.of(BOB), Optional.of(ANN),
                Optional.of(CID), Optional.of("Cid"), List.of("Ann", "Bob"), List.of(ANN, CID), Optional.of(50), true);
        // count, max and exists fuse; find and findBy are lookups; first, last, pick, pluck and select alone
        assertThat(sent.statements()).isEqualTo(8);
        assertThat(sent.roundTrips()).isEqualTo(database == TestDatabase.POSTGRES ? 1 : 8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFusedStatementThatFailsIsRunAgainMemberByMember(TestDatabase database) {
        open(database);
        insertMembers();
        Condition broken = DSL.condition("no_such_column = 1");
        AsyncResult<Long> all = MemberAsync.count();
        AsyncResult<Long> bad = MemberAsync.where(broken).count();
        AsyncResult<Optional<Integer>> max = MemberAsync.where(MemberAsync.ACTIVE.isTrue()).max(MemberAsync.AGE);
        assertThat(all.await()).isEqualTo(3L);
        assertThatThrownBy(bad::await).isInstanceOf(AsyncExecutionException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("no_such_column"));
        assertThat(bad.state()).isEqualTo(AsyncResult.State.FAILED);
        assertThat(max.await()).contains(50);
        assertThat(db.metrics().failedOperations()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPipelineWithAFailingStatementFailsOnlyThatMember(TestDatabase database) {
        open(database);
        insertMembers();
        AsyncResult<Optional<Member>> first = MemberAsync.first();
        AsyncResult<List<String>> bad = MemberAsync.where(DSL.condition("no_such_column = 1")).limit(3)
                .pluck(MemberAsync.NAME);
        AsyncResult<Optional<String>> pick = MemberAsync.query().orderBy(MemberAsync.NAME.asc()).pick(MemberAsync.NAME);
        AsyncResult<Optional<Member>> found = MemberAsync.find(2L);
        assertThat(first.await()).contains(ANN);
        assertThatThrownBy(bad::await).isInstanceOf(AsyncExecutionException.class);
        assertThat(pick.await()).contains("Ann");
        assertThat(found.await()).contains(BOB);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCancelledLookupLeavesTheOthersTheirRows(TestDatabase database) {
        open(database);
        insertMembers();
        AsyncResult<Optional<Member>> ann = MemberAsync.find(1L);
        AsyncResult<Optional<Member>> bob = MemberAsync.find(2L);
        AsyncResult<Optional<Member>> cid = MemberAsync.find(3L);
        assertThat(bob.cancel()).isTrue();
        assertThat(ann.await()).contains(ANN);
        assertThat(cid.await()).contains(CID);
        assertThat(bob.state()).isEqualTo(AsyncResult.State.CANCELLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.metrics().activeOperations() == 0);
        assertThat(db.metrics().cancelledOperations()).isEqualTo(1);
    }

    /**
     * A member cancelled at any moment, before its statement ran, while it ran or after it answered, never changes
     * the others' values; it ends cancelled or with its own value; and the metrics add up. Repeated many times so that
     * the cancel lands at every point of the statement's life.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMemberCancelledWhileItsStatementRunsNeverChangesTheOthers(TestDatabase database) {
        super.open(database); // the default window: members are sent by it, or by the wait
        insertMembers();
        int runs = database == TestDatabase.H2 ? 3_000 : 1_000;
        int cancelled = 0;
        long total = db.metrics().totalOperations();
        for (int run = 0; run < runs; run++) {
            AsyncResult<Long> active = MemberAsync.where(MemberAsync.ACTIVE.isTrue()).count();
            AsyncResult<Long> ages = MemberAsync.sum(MemberAsync.AGE);
            AsyncResult<Optional<Member>> bob = MemberAsync.find(2L);
            AsyncResult<Optional<Member>> cid = MemberAsync.find(3L);
            int spin = ThreadLocalRandom.current().nextInt(4);
            if (spin > 0) {
                active.toCompletableFuture(); // nothing waits: the batch window sends them
                long until = System.nanoTime() + spin * 100_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            boolean cancelCount = run % 2 == 0;
            AsyncResult<?> victim = cancelCount ? active : bob;
            boolean wasCancelled = victim.cancel();
            cancelled += wasCancelled ? 1 : 0;
            assertThat(ages.await()).as("run %d", run).isEqualTo(120L);
            assertThat(cid.await()).as("run %d", run).contains(CID);
            if (cancelCount) {
                assertThat(bob.await()).contains(BOB);
            } else {
                assertThat(active.await()).isEqualTo(2L);
            }
            if (wasCancelled) {
                assertThat(victim.state()).isEqualTo(AsyncResult.State.CANCELLED);
            } else {
                assertThat(victim.await()).isEqualTo(cancelCount ? 2L : Optional.of(BOB));
            }
        }
        assertThat(cancelled).as("cancels that landed before the outcome").isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.metrics().activeOperations() == 0);
        assertThat(db.metrics().totalOperations() - total).isEqualTo(4L * runs);
        assertThat(db.metrics().cancelledOperations()).isEqualTo(cancelled);
        assertThat(db.metrics().failedOperations()).isZero();
        assertThat(db.activeConnections()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cancellingEveryMemberOfARunningFusedStatementStopsItOnTheServer(TestDatabase database) {
        open(database); // the 1 s window keeps both members together, then sends them
        insertMembers();
        Condition slow = switch (database) {
            case POSTGRES -> DSL.condition("pg_sleep(10) is not null /* grant-slow */");
            case MARIADB -> DSL.condition("sleep(10) = 0 /* grant-slow */");
            case H2 -> DSL.condition("(select /* grant-slow */ count(*) from system_range(1, 1000000) a, "
                    + "system_range(1, 1000000) b where a.x + b.x = -1) = 0");
        };
        AsyncResult<Long> count = MemberAsync.where(slow).count();
        AsyncResult<Optional<Integer>> max = MemberAsync.where(slow).max(MemberAsync.AGE);
        count.toCompletableFuture(); // sent by the batching window, not by a wait
        await().atMost(Duration.ofSeconds(10)).until(() -> Slow.running(database, db) == 1);

        assertThat(count.cancel()).isTrue();
        // one member left: the statement goes on for it
        assertThat(Slow.running(database, db)).isEqualTo(1);
        assertThat(max.cancel()).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> Slow.running(database, db) == 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> db.activeConnections() == 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> db.metrics().activeOperations() == 0);
        assertThat(MemberAsync.count().await(Duration.ofSeconds(5))).isEqualTo(3L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withBatchingOffEveryOperationIsItsOwnStatement(TestDatabase database) {
        db = database.connect(builder -> builder.poolSize(4).batching(Batching.off()));
        Schema.create(db, database);
        Grant.setDefault(db);
        insertMembers();
        Sent sent = sent(() -> {
            List<AsyncResult<?>> results = List.of(MemberAsync.count(), MemberAsync.sum(MemberAsync.AGE),
                    MemberAsync.find(1L), MemberAsync.find(2L), MemberAsync.first());
            assertThat(results.stream().<Object>map(AsyncResult::await).toList()).containsExactly(3L, 120L, Optional.of(ANN),
                    Optional.of(BOB), Optional.of(ANN));
        });
        assertThat(sent).isEqualTo(new Sent(5, 5));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anOperationAwaitedAtOnceIsNotHeldForTheWindow(TestDatabase database) {
        db = database.connect(builder -> builder.poolSize(2).batching(Batching.defaults().window(Duration.ofSeconds(1))));
        Schema.create(db, database);
        Grant.setDefault(db);
        insertMembers();
        MemberAsync.count().await(); // warm up
        long start = System.nanoTime();
        assertThat(MemberAsync.count().await()).isEqualTo(3L);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        AsyncResult<Long> notAwaited = MemberAsync.count();
        notAwaited.toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(notAwaited::isDone); // the window sends it
        assertThat(notAwaited.await()).isEqualTo(3L);
    }
}
