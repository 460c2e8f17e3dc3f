package io.grant.it.shard;

import static io.grant.it.shard.Account.AGE;
import static io.grant.it.shard.Account.BALANCE;
import static io.grant.it.shard.Account.ID;
import static io.grant.it.shard.Account.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.query.ModelTable;
import io.grant.query.RecordNotFoundException;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardedAsyncExecutor;
import io.grant.shard.ShardedResults;
import io.grant.shard.ShardedQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ShardedQuery} over four PostgreSQL databases of very different sizes (1, 10, 100 and 1000 rows,
 * with different ages on each), checked against the same computation over all rows in Java.
 */
class ShardedQueryTest {

    private static final String TABLE_NAME = "shard_query";
    private static final ModelTable<Account> ACCOUNTS = Account.table(TABLE_NAME);
    private static final List<String> SHARDS = List.of("s1", "s2", "s3", "s4");
    private static final int[] SIZES = {1, 10, 100, 1000};
    private static final List<Grant> DBS = new ArrayList<>();
    private static final List<List<Account>> ROWS = new ArrayList<>();
    private static final List<Account> ALL = new ArrayList<>();

    /** Ascending by balance with NULLs last, then by id: what the shards' merged order must be. */
    private static final Comparator<Account> BY_BALANCE_NULLS_LAST =
            Comparator.comparing(Account::balance, Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
                    .thenComparing(Account::id);

    @BeforeAll
    static void shards() {
        for (int i = 0; i < SHARDS.size(); i++) {
            Grant db = ShardServers.open(TestDatabase.POSTGRES, "grant_shard_" + (i + 1));
            DBS.add(db);
            List<Account> rows = Account.generate(i, SIZES[i]);
            Account.recreate(db, TABLE_NAME, rows);
            ROWS.add(rows);
            ALL.addAll(rows);
        }
        ShardServers.register(SHARDS, DBS);
    }

    @AfterAll
    static void close() {
        ShardServers.closeAll(DBS);
    }

    private static ShardedQuery<Account> across() {
        return ShardedQuery.of(ACCOUNTS);
    }

    private static BigDecimal exactAverage(List<? extends Number> values) {
        BigDecimal sum = values.stream().map(n -> new BigDecimal(n.toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128).stripTrailingZeros();
    }

    private static <T> List<T> allOf(Function<Account, T> column) {
        return ALL.stream().map(column).toList();
    }

    @Test
    void countsAndSumsAddUp() {
        assertThat(across().count().await()).isEqualTo(1111L);
        assertThat(across().where(AGE.ge(60)).count().await())
                .isEqualTo(ALL.stream().filter(a -> a.age() >= 60).count());
        assertThat(across().sum(AGE).await()).isEqualTo(ALL.stream().mapToLong(Account::age).sum());
        assertThat(across().sum(BALANCE).await()).isEqualByComparingTo(
                ALL.stream().map(Account::balance).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(across().where(AGE.gt(1000)).sum(AGE).await()).isZero();
    }

    @Test
    void theAverageIsTheGlobalAverageNeverTheAverageOfAverages() {
        BigDecimal global = exactAverage(allOf(Account::age));
        BigDecimal ofAverages = exactAverage(ROWS.stream().map(rows -> exactAverage(rows.stream().map(Account::age).toList())).toList());
        assertThat(global).isNotEqualByComparingTo(ofAverages);

        assertThat(across().avg(AGE).await()).hasValueSatisfying(avg -> assertThat(avg).isEqualByComparingTo(global));
        BigDecimal balances = exactAverage(ALL.stream().map(Account::balance).filter(Objects::nonNull).toList());
        assertThat(across().avg(BALANCE).await()).hasValueSatisfying(avg -> assertThat(avg).isEqualByComparingTo(balances));
        assertThat(across().where(AGE.gt(1000)).avg(AGE).await()).isEmpty();
    }

    @Test
    void minAndMaxAreOverEveryShard() {
        assertThat(across().min(AGE).await()).contains(ALL.stream().mapToInt(Account::age).min().orElseThrow());
        assertThat(across().max(NAME).await()).contains(ALL.stream().map(Account::name).max(String::compareTo).orElseThrow());
        assertThat(across().max(BALANCE).await()).contains(
                ALL.stream().map(Account::balance).filter(Objects::nonNull).max(BigDecimal::compareTo).orElseThrow());
        assertThat(across().where(AGE.gt(1000)).min(AGE).await()).isEmpty();
    }

    @Test
    void listsAreConcatenatedInShardOrder() {
        assertThat(across().ids().await()).isEqualTo(ROWS.stream().flatMap(rows -> rows.stream().map(Account::id)
                .sorted()).toList());
        assertThat(across().where(AGE.eq(30)).select().await())
                .isEqualTo(ALL.stream().filter(a -> a.age() == 30).toList());
        assertThat(across().limit(15).pluck(ID).await()).isEqualTo(allOf(Account::id).subList(0, 15));
    }

    @Test
    void anOrderedLimitIsTheGlobalFirstN() {
        List<Account> expected = ALL.stream()
                .sorted(Comparator.comparing(Account::age).reversed().thenComparing(Account::id)).limit(25).toList();
        assertThat(across().orderBy(AGE.desc(), ID.asc()).limit(25).select().await()).isEqualTo(expected);
        assertThat(across().orderBy(AGE.desc(), ID.asc()).limit(25).pluck(NAME).await())
                .isEqualTo(expected.stream().map(Account::name).toList());
        assertThat(across().orderBy(NAME.asc()).limit(3).ids().await())
                .isEqualTo(ALL.stream().sorted(Comparator.comparing(Account::name)).limit(3).map(Account::id).toList());
    }

    @Test
    void nullsSortAsTheLargestValueInTheGlobalOrder() {
        List<Account> ascending = ALL.stream().sorted(BY_BALANCE_NULLS_LAST).toList();
        assertThat(across().orderBy(BALANCE.asc(), ID.asc()).select().await()).isEqualTo(ascending);
        List<Account> descending = ALL.stream()
                .sorted(Comparator.comparing(Account::balance, Comparator.nullsFirst(Comparator.<BigDecimal>reverseOrder()))
                        .thenComparing(Account::id))
                .limit(200).toList();
        assertThat(descending.get(0).balance()).isNull();
        assertThat(across().orderBy(BALANCE.desc(), ID.asc()).limit(200).select().await()).isEqualTo(descending);
        List<Account> nullsFirst = ALL.stream()
                .sorted(Comparator.comparing(Account::balance, Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()))
                        .thenComparing(Account::id))
                .limit(200).toList();
        assertThat(across().orderBy(BALANCE.asc().nullsFirst(), ID.asc()).limit(200).select().await())
                .isEqualTo(nullsFirst);
    }

    @Test
    void aggregatesOfALimitedQueryRunOverTheGlobalWindow() {
        List<Account> oldest = ALL.stream()
                .sorted(Comparator.comparing(Account::age).reversed().thenComparing(Account::id)).limit(40).toList();
        ShardedQuery<Account> window = across().orderBy(AGE.desc(), ID.asc()).limit(40);
        assertThat(window.count().await()).isEqualTo(40L);
        assertThat(across().limit(5000).count().await()).isEqualTo(1111L);
        assertThat(window.sum(AGE).await()).isEqualTo(oldest.stream().mapToLong(Account::age).sum());
        assertThat(window.avg(AGE).await()).hasValueSatisfying(avg ->
                assertThat(avg).isEqualByComparingTo(exactAverage(oldest.stream().map(Account::age).toList())));
        assertThat(window.min(ID).await()).contains(oldest.stream().map(Account::id).min(Long::compare).orElseThrow());
        assertThat(across().limit(0).exists().await()).isFalse();
    }

    @Test
    void firstAndLastGoByTheGlobalIdOrderWhateverTheShardOrder() {
        ShardManager.clear();
        try {
            ShardServers.register(SHARDS.reversed(), DBS.reversed());
            assertThat(across().first().await()).contains(ROWS.get(0).get(0));
            assertThat(across().last().await()).contains(ROWS.get(3).get(999));
            assertThat(across().limit(3).last().await()).contains(ROWS.get(1).get(1));
            assertThat(across().where(ID.ge(200_000L)).first().await()).contains(ROWS.get(1).get(0));
        } finally {
            ShardManager.clear();
            ShardServers.register(SHARDS, DBS);
        }
    }

    @Test
    void singleRowsComeFromTheFirstShardThatHasOneOrFromTheGlobalOrder() {
        assertThat(across().first().await()).contains(ROWS.get(0).get(0));
        assertThat(across().where(AGE.eq(ROWS.get(2).get(5).age()), ID.ge(300_000L)).first().await())
                .contains(ROWS.get(2).stream().filter(a -> a.age() == ROWS.get(2).get(5).age()).findFirst().orElseThrow());
        assertThat(across().last().await()).contains(ROWS.get(3).get(999));
        Account youngest = ALL.stream().sorted(Comparator.comparing(Account::age).thenComparing(Account::id)).findFirst().orElseThrow();
        assertThat(across().orderBy(AGE.asc(), ID.asc()).first().await()).contains(youngest);
        assertThat(across().orderBy(AGE.desc(), ID.desc()).last().await()).contains(youngest);
        assertThat(across().orderBy(AGE.asc(), ID.asc()).pick(NAME).await()).contains(youngest.name());
        assertThat(across().pick(ID).await()).contains(ROWS.get(0).get(0).id());
        assertThat(across().where(AGE.gt(1000)).first().await()).isEmpty();
    }

    @Test
    void findLooksOnEveryShard() {
        Account deep = ROWS.get(3).get(777);
        assertThat(across().find(deep.id()).await()).contains(deep);
        assertThat(across().findOrThrow(deep.id()).await()).isEqualTo(deep);
        assertThat(across().findBy(NAME, deep.name()).await()).contains(deep);
        assertThat(across().find(42L).await()).isEmpty();
        assertThatThrownBy(() -> across().findOrThrow(42L).await())
                .isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(RecordNotFoundException.class)
                .hasMessageContaining("Account with id 42 not found");
        assertThatThrownBy(() -> across().find("not a long"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void existsIsAny() {
        assertThat(across().where(ID.eq(ROWS.get(2).get(3).id())).exists().await()).isTrue();
        assertThat(across().where(ID.eq(42L)).exists().await()).isFalse();
    }

    @Test
    void theMergedResultAndEachShardsOperationAreNamed() {
        AsyncResult<Long> count = across().count();
        assertThat(count.operation()).isEqualTo("Account.count@*");
        assertThat(across().avg(AGE).operation()).isEqualTo("Account.avg(age)@*");
        assertThat(count.await()).isEqualTo(1111L);
    }

    @Test
    void aFailingShardFailsTheMergedResultNamingIt() {
        Grant broken = ShardServers.open(TestDatabase.POSTGRES, "grant_shard_broken");
        broken.dsl().execute("drop table if exists " + TABLE_NAME);
        ShardManager.register("broken", broken);
        try {
            assertThatThrownBy(() -> across().count().await(Duration.ofSeconds(30)))
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("Account.count@*")
                    .hasMessageContaining("Shard 'broken' failed (Account.count@broken)")
                    .hasMessageContaining("shard_query");
            // s1 answers these at once, yet the broken shard must fail them all, every time
            Account first = ROWS.get(0).get(0);
            List<Function<ShardedQuery<Account>, AsyncResult<?>>> answeredByS1 = List.of(
                    ShardedQuery::exists, ShardedQuery::first, query -> query.pick(NAME),
                    query -> query.find(first.id()), query -> query.findBy(NAME, first.name()));
            for (Function<ShardedQuery<Account>, AsyncResult<?>> operation : answeredByS1) {
                AsyncResult<?> result = operation.apply(across());
                assertThatThrownBy(() -> result.await(Duration.ofSeconds(30)))
                        .as(result.operation())
                        .isInstanceOf(AsyncExecutionException.class)
                        .hasMessageContaining("Shard 'broken' failed");
            }
        } finally {
            ShardManager.unregister("broken");
            broken.close();
        }
    }

    @Test
    void aShardWhoseDatabaseIsClosedFailsLikeAnyOther() {
        Grant closed = ShardServers.open(TestDatabase.POSTGRES, "grant_shard_broken");
        closed.close();
        ShardManager.register("closed", closed);
        try {
            AsyncResult<Long> count = across().count();
            assertThatThrownBy(() -> count.await(Duration.ofSeconds(30)))
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("Shard 'closed' failed (Account.count@closed)")
                    .hasMessageContaining("is closed");
            ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(ShardManager.shards(),
                    shard -> ACCOUNTS.query().count());
            assertThat(counts.successes()).containsOnlyKeys(SHARDS);
            assertThat(counts.failures()).containsOnlyKeys("closed");
            assertThatThrownBy(counts::awaitAll).hasMessageContaining("'closed'");
        } finally {
            ShardManager.unregister("closed");
        }
    }

    @Test
    void cancellingTheMergedResultCancelsEveryShardsStatementOnItsServer() {
        String marker = "grant-shard-cancel";
        List<Long> cancelledBefore = DBS.stream().map(db -> db.metrics().cancelledOperations()).toList();
        AsyncResult<Long> slow = across().where(DSL.condition("(select true from pg_sleep(30) /* " + marker + " */)")).count();
        await().atMost(Duration.ofSeconds(20)).until(() -> ShardServers.runningOnServer(DBS.get(0), marker) == 4);

        assertThat(slow.cancel()).isTrue();
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        await().atMost(Duration.ofSeconds(10)).until(() -> ShardServers.runningOnServer(DBS.get(0), marker) == 0);
        for (int i = 0; i < DBS.size(); i++) {
            Grant db = DBS.get(i);
            long before = cancelledBefore.get(i);
            await().atMost(Duration.ofSeconds(10)).until(() -> db.metrics().activeOperations() == 0);
            assertThat(db.metrics().cancelledOperations()).as(SHARDS.get(i)).isEqualTo(before + 1);
        }
    }

    @Test
    void awaitWithATimeoutCancelsEveryShardToo() {
        String marker = "grant-shard-timeout";
        assertThatThrownBy(() -> across().where(DSL.condition("(select true from pg_sleep(30) /* " + marker + " */)"))
                .exists().await(Duration.ofMillis(500)))
                .isInstanceOf(io.grant.async.AsyncTimeoutException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> ShardServers.runningOnServer(DBS.get(0), marker) == 0);
    }

    @Test
    void aQueryNeedsShards() {
        ShardManager.clear();
        try {
            assertThatThrownBy(() -> across().count())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("No shards registered");
        } finally {
            ShardServers.register(SHARDS, DBS);
        }
    }

    @Test
    void changesAreRefusedOnALimitedQuery() {
        assertThatThrownBy(() -> across().limit(3).delete())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Account.acrossShards().delete()");
        assertThat(Optional.of(across().toString())).hasValueSatisfying(text -> assertThat(text).contains("Account"));
    }
}
