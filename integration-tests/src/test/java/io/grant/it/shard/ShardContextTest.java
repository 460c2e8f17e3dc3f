package io.grant.it.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.it.TestDatabase;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.shard.ShardManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shard in force when a result is created is the one it runs on, however late its thread starts or it is
 * awaited: four PostgreSQL databases as shards, each with a different number of rows, so a count says which
 * shard it ran on.
 */
class ShardContextTest {

    private static final String TABLE_NAME = "shard_context";
    private static final ModelTable<Account> ACCOUNTS = Account.table(TABLE_NAME);
    private static final List<String> SHARDS = List.of("s1", "s2", "s3", "s4");
    private static final long[] SIZES = {1, 10, 100, 1000};
    private static final List<Grant> DBS = new ArrayList<>();

    @BeforeAll
    static void shards() {
        for (int i = 0; i < SHARDS.size(); i++) {
            // s3 lets one operation at a time hold a connection, so a test can make a count wait for its turn.
            int concurrency = i == 2 ? 1 : 4;
            Grant db = ShardServers.open(TestDatabase.POSTGRES, "grant_shard_" + (i + 1),
                    builder -> builder.maxConcurrency(concurrency));
            DBS.add(db);
            Account.recreate(db, TABLE_NAME, Account.generate(i, (int) SIZES[i]));
        }
        ShardServers.register(SHARDS, DBS);
    }

    @AfterAll
    static void close() {
        Grant.unregister("shard-it-main");
        ShardServers.closeAll(DBS);
    }

    private static AsyncQuery<Account> accounts() {
        return AsyncQuery.of(ACCOUNTS);
    }

    @Test
    void aQueryCreatedInsideWithShardCountsThatShardWhenAwaitedOutside() {
        List<AsyncResult<Long>> counts = new ArrayList<>();
        for (String shard : SHARDS) {
            counts.add(ShardManager.withShard(shard, () -> accounts().count()));
        }
        assertThat(ShardManager.current()).isEmpty();
        for (int i = 0; i < SHARDS.size(); i++) {
            assertThat(counts.get(i).await()).as(SHARDS.get(i)).isEqualTo(SIZES[i]);
            assertThat(counts.get(i).operation()).isEqualTo("Account.count@" + SHARDS.get(i));
        }
    }

    @Test
    void aQueryThatStartsRunningAfterWithShardReturnedStillRunsOnItsShard() {
        Grant s3 = ShardManager.shard("s3");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AsyncResult<Integer> holder = s3.async("hold the only permit", dsl -> {
            gate.join();
            return 0;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> s3.activeConnections() == 1);

        AsyncResult<Long> count = ShardManager.withShard("s3", () -> accounts().count());
        await().atMost(Duration.ofSeconds(10)).until(() -> s3.waitingOperations() == 1);
        assertThat(count.state()).isEqualTo(AsyncResult.State.RUNNING);

        gate.complete(null); // outside withShard now: the count gets its permit and runs only from here
        assertThat(holder.await()).isZero();
        assertThat(count.await()).isEqualTo(100L);
    }

    @Test
    void workSuppliedInsideWithShardCreatesItsQueriesOnThatShardEvenAfterWithShardReturned() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AsyncResult<String> seen = ShardManager.withShard("s2", () -> AsyncResult.supply("where am I", () -> {
            gate.join();
            return ShardManager.current().orElse("none");
        }));
        AsyncResult<Long> count = ShardManager.withShard("s2", () -> AsyncResult.supply("count later", () -> {
            gate.join(); // the query below is created after withShard returned, on this virtual thread
            return accounts().count().await();
        }));
        gate.complete(null);
        assertThat(seen.await()).isEqualTo("s2");
        assertThat(count.await()).isEqualTo(10L);
    }

    @Test
    void continuationsRunWithTheShardOfTheCodeThatChainedThem() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AsyncResult<Long> viaFlatMap = ShardManager.withShard("s4", () -> AsyncResult.supply("wait", () -> gate.join())
                .flatMap(ignored -> accounts().count()));
        AsyncResult<Long> viaMap = ShardManager.withShard("s1", () -> AsyncResult.supply("wait", () -> gate.join())
                .map(ignored -> accounts().count().await()));
        AsyncResult<Long> viaRecover = ShardManager.withShard("s2", () -> AsyncResult.<Long>supply("fail", () -> {
            gate.join();
            throw new IllegalStateException("fall back to a count");
        }).recover(error -> accounts().count().await()));
        gate.complete(null);
        assertThat(viaFlatMap.await()).isEqualTo(1000L);
        assertThat(viaMap.await()).isEqualTo(1L);
        assertThat(viaRecover.await()).isEqualTo(10L);
    }

    @Test
    void forksOfAScopeOpenedInsideWithShardRunOnThatShard() {
        Long count = ShardManager.withShard("s4", () -> {
            try (AsyncScope scope = AsyncScope.open()) {
                AsyncResult<Long> forked = scope.fork("count", () -> accounts().count().await());
                scope.join();
                return forked.await();
            }
        });
        assertThat(count).isEqualTo(1000L);
    }

    @Test
    void aModelBoundToAConnectionIsNeverRoutedByShard() {
        Grant.register("shard-it-main", ShardManager.shard("s1"));
        ModelTable<Account> bound = Account.onConnection(TABLE_NAME, "shard-it-main");
        AsyncResult<Long> count = ShardManager.withShard("s4", () -> AsyncQuery.of(bound).count());
        assertThat(count.await()).as("s1's rows, not s4's").isEqualTo(1L);
    }

    @Test
    void anExplicitShardOrDatabaseBeatsTheShardInForce() {
        AsyncResult<Long> onShard = ShardManager.withShard("s4", () -> accounts().onShard("s2").count());
        AsyncResult<Long> onDb = ShardManager.withShard("s4", () -> accounts().on(ShardManager.shard("s3")).count());
        assertThat(onShard.await()).isEqualTo(10L);
        assertThat(onDb.await()).isEqualTo(100L);
    }

    @Test
    void withShardNests() {
        Map<String, Long> counts = ShardManager.withShard("s1", () -> {
            AsyncResult<Long> inner = ShardManager.withShard("s3", () -> accounts().count());
            AsyncResult<Long> outer = accounts().count();
            return Map.of("inner", inner.await(), "outer", outer.await());
        });
        assertThat(counts).isEqualTo(Map.of("inner", 100L, "outer", 1L));
    }

    @Test
    void unknownShardsAreRefusedListingTheRegisteredOnes() {
        String registered = "registered shards: [s1, s2, s3, s4]";
        assertThatThrownBy(() -> ShardManager.withShard("eu", () -> accounts().count()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown shard 'eu'; " + registered);
        assertThatThrownBy(() -> accounts().onShard("eu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(registered);
        assertThatThrownBy(() -> ShardManager.shard("eu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ShardManager.register(\"eu\", db)");
    }
}
