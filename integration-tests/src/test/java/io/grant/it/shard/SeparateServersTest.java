package io.grant.it.shard;

import static io.grant.it.shard.Account.AGE;
import static io.grant.it.shard.Account.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncTimeoutException;
import io.grant.it.TestDatabase;
import io.grant.it.fault.PgCluster;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardedAsyncExecutor;
import io.grant.shard.ShardedQuery;
import io.grant.shard.ShardedResults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shards on two PostgreSQL servers, as in production: the local server, and a second cluster that the
 * set-up creates and starts on another port ({@link PgCluster}). Stopping that server shows partial
 * results: its failure named, the other shard's values present, all within the timeout.
 */
class SeparateServersTest {

    private static final String TABLE_NAME = "shard_servers";
    private static final ModelTable<Account> ACCOUNTS = Account.table(TABLE_NAME);
    private static final List<String> SHARDS = List.of("local", "remote");
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final List<Grant> DBS = new ArrayList<>();
    private static final List<Account> ALL = new ArrayList<>();
    private static PgCluster cluster;

    @BeforeAll
    static void servers() {
        TestDatabase.POSTGRES.requireReachable();
        cluster = PgCluster.start();
        cluster.createDatabase("grant_remote");
        DBS.add(ShardServers.open(TestDatabase.POSTGRES, "grant_shard_2"));
        DBS.add(Grant.builder().name("remote").jdbcUrl(cluster.url("grant_remote")).username("postgres").password("")
                .poolSize(4).connectionTimeout(Duration.ofSeconds(1)).build());
        for (int i = 0; i < DBS.size(); i++) {
            List<Account> rows = Account.generate(i, i == 0 ? 70 : 30);
            Account.recreate(DBS.get(i), TABLE_NAME, rows);
            ALL.addAll(rows);
        }
        ShardServers.register(SHARDS, DBS);
    }

    @AfterAll
    static void close() {
        ShardServers.closeAll(DBS);
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ShardedQuery<Account> across() {
        return ShardedQuery.of(ACCOUNTS);
    }

    @Test
    void theShardsReallyLiveOnTwoServers() {
        Map<String, Integer> ports = ShardedAsyncExecutor.executeAcrossShards(SHARDS,
                shard -> ShardManager.shard(shard).async("port@" + shard,
                        dsl -> dsl.fetchOne("select inet_server_port()").get(0, Integer.class))).awaitAll();
        assertThat(ports.get("remote")).isEqualTo(cluster.port());
        assertThat(ports.get("local")).isNotEqualTo(cluster.port());
    }

    @Test
    void oneQueryAnswersFromBothServers() {
        assertThat(across().count().await()).isEqualTo(100L);
        List<Long> oldest = ALL.stream().sorted(Comparator.comparing(Account::age).reversed().thenComparing(Account::id))
                .map(Account::id).limit(12).toList();
        assertThat(across().orderBy(AGE.desc(), ID.asc()).limit(12).pluck(ID).await()).isEqualTo(oldest);
    }

    @Test
    void aStoppedServerFailsOnlyItsShardWithinTheTimeout() {
        cluster.stopServer();
        try {
            long started = System.nanoTime();
            ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(SHARDS,
                    shard -> AsyncQuery.of(ACCOUNTS).count());
            counts.waitAll(WITHIN);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
            assertThat(counts.successes()).containsExactly(Map.entry("local", 70L));
            assertThat(counts.failures()).containsOnlyKeys("remote");
            assertThat(counts.failures().get("remote"))
                    .as("the connection failed by itself, it did not have to be timed out")
                    .isNotInstanceOf(AsyncTimeoutException.class);
            assertThatThrownBy(counts::awaitAll)
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasMessageStartingWith("1 of 2 shards failed: 'remote' (Account.count@remote: ");

            long merged = System.nanoTime();
            assertThatThrownBy(() -> across().count().await(WITHIN))
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("Shard 'remote' failed (Account.count@remote)");
            assertThat(Duration.ofNanos(System.nanoTime() - merged)).isLessThan(WITHIN);
        } finally {
            cluster.startServer();
        }
        await().atMost(WITHIN).ignoreExceptions().until(() -> across().count().await(WITHIN) == 100L);
    }

    @Test
    void aSlowRemoteShardIsCancelledOnItsServerWhenTheMergedResultTimesOut() {
        String marker = "grant-shard-remote-slow";
        assertThatThrownBy(() -> across().where(DSL.condition("(select true from pg_sleep(30) /* " + marker + " */)"))
                .count().await(Duration.ofMillis(500)))
                .isInstanceOf(AsyncTimeoutException.class);
        await().atMost(WITHIN).until(() -> ShardServers.runningOnServer(DBS.get(1), marker) == 0);
    }
}
