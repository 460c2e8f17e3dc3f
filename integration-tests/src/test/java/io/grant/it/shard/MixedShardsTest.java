package io.grant.it.shard;

import static io.grant.it.shard.Account.AGE;
import static io.grant.it.shard.Account.BALANCE;
import static io.grant.it.shard.Account.ID;
import static io.grant.it.shard.Account.NAME;
import static io.grant.it.shard.Account.UPDATED_AT;
import static org.assertj.core.api.Assertions.assertThat;

import io.grant.Grant;
import io.grant.it.TestDatabase;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.shard.ShardedAsyncExecutor;
import io.grant.shard.ShardedQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One sharded table on three different engines at once: PostgreSQL, MariaDB and H2 answer the same
 * {@link ShardedQuery}, and the merge must not depend on how each engine orders NULLs or reports counts.
 */
class MixedShardsTest {

    private static final String TABLE_NAME = "shard_mixed";
    private static final ModelTable<Account> ACCOUNTS = Account.table(TABLE_NAME);
    private static final List<String> SHARDS = List.of("pg", "maria", "h2");
    private static final int[] SIZES = {50, 120, 30};
    private static final List<Grant> DBS = new ArrayList<>();
    private static final List<Account> ALL = new ArrayList<>();

    @BeforeAll
    static void shards() {
        DBS.add(ShardServers.open(TestDatabase.POSTGRES, "grant_shard_1"));
        DBS.add(ShardServers.open(TestDatabase.MARIADB, "grant_shard_m"));
        DBS.add(ShardServers.open(TestDatabase.H2, "grant_shard_h2"));
        ShardServers.register(SHARDS, DBS);
    }

    @BeforeEach
    void rows() {
        ALL.clear();
        for (int i = 0; i < SHARDS.size(); i++) {
            List<Account> rows = Account.generate(i, SIZES[i]);
            Account.recreate(DBS.get(i), TABLE_NAME, rows);
            ALL.addAll(rows);
        }
    }

    @AfterAll
    static void close() {
        ShardServers.closeAll(DBS);
    }

    private static ShardedQuery<Account> across() {
        return ShardedQuery.of(ACCOUNTS);
    }

    @Test
    void everyEngineAnswersTheSameQuery() {
        Map<String, Long> counts = ShardedAsyncExecutor.executeAcrossShards(SHARDS,
                shard -> AsyncQuery.of(ACCOUNTS).count()).awaitAll();
        assertThat(counts).containsExactly(Map.entry("pg", 50L), Map.entry("maria", 120L), Map.entry("h2", 30L));
        assertThat(DBS.stream().map(db -> db.dialect().family().name()).toList())
                .containsExactly("POSTGRES", "MARIADB", "H2");
    }

    @Test
    void aggregatesMergeAcrossEngines() {
        assertThat(across().count().await()).isEqualTo(200L);
        assertThat(across().sum(AGE).await()).isEqualTo(ALL.stream().mapToLong(Account::age).sum());
        List<BigDecimal> balances = ALL.stream().map(Account::balance).filter(Objects::nonNull).toList();
        assertThat(across().sum(BALANCE).await()).isEqualByComparingTo(balances.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal average = balances.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(balances.size()), MathContext.DECIMAL128);
        assertThat(across().avg(BALANCE).await()).hasValueSatisfying(avg -> assertThat(avg).isEqualByComparingTo(average));
        assertThat(across().max(BALANCE).await()).contains(balances.stream().max(BigDecimal::compareTo).orElseThrow());
        assertThat(across().min(NAME).await()).contains("a0-00000");
        assertThat(across().where(NAME.eq("a1-00100")).exists().await()).isTrue();
    }

    @Test
    void theGlobalOrderHoldsThoughEachEnginePlacesNullsDifferentlyByDefault() {
        List<Long> ascending = ALL.stream()
                .sorted(Comparator.comparing(Account::balance, Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
                        .thenComparing(Account::id))
                .map(Account::id).limit(190).toList();
        assertThat(across().orderBy(BALANCE.asc(), ID.asc()).limit(190).pluck(ID).await()).isEqualTo(ascending);
        List<Long> descending = ALL.stream()
                .sorted(Comparator.comparing(Account::balance, Comparator.nullsFirst(Comparator.<BigDecimal>reverseOrder()))
                        .thenComparing(Account::id, Comparator.reverseOrder()))
                .map(Account::id).limit(40).toList();
        assertThat(across().orderBy(BALANCE.desc(), ID.desc()).limit(40).pluck(ID).await()).isEqualTo(descending);
        List<Account> byName = ALL.stream().sorted(Comparator.comparing(Account::name).reversed()).limit(7).toList();
        assertThat(across().orderBy(NAME.desc()).limit(7).select().await()).isEqualTo(byName);
    }

    @Test
    void changesAddUpTheirRowCounts() {
        long adults = ALL.stream().filter(a -> a.age() >= 50).count();
        assertThat(across().where(AGE.ge(50)).update(NAME.set("renamed")).await()).isEqualTo(adults);
        assertThat(across().where(NAME.eq("renamed")).count().await()).isEqualTo(adults);

        long touched = ALL.stream().filter(a -> a.age() < 30).count();
        assertThat(across().where(AGE.lt(30)).touchAll().await()).isEqualTo(touched);
        assertThat(across().where(UPDATED_AT.gt(Account.LONG_AGO)).count().await()).isEqualTo(touched);

        long deleted = ALL.stream().filter(a -> a.balance() == null).count();
        assertThat(across().where(BALANCE.isNull()).delete().await()).isEqualTo(deleted);
        assertThat(across().count().await()).isEqualTo(200L - deleted);
    }
}
