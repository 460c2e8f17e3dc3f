package io.grant.it.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.shard.AsyncShardResolver;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardResolver;
import io.grant.shard.ShardedAsyncExecutor;
import io.grant.shard.ShardedResults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing by key, and {@link ShardedAsyncExecutor}: 400 accounts placed on four PostgreSQL databases by
 * {@code ShardResolver.hash}, the way an application would write them.
 */
class ShardRoutingTest {

    private static final String TABLE_NAME = "shard_routed";
    private static final ModelTable<Account> ACCOUNTS = Account.table(TABLE_NAME);
    private static final List<String> SHARDS = List.of("s1", "s2", "s3", "s4");
    private static final ShardResolver RESOLVER = ShardResolver.hash(SHARDS);
    private static final List<Grant> DBS = new ArrayList<>();
    private static final Map<String, List<Account>> PLACED = new HashMap<>();

    @BeforeAll
    static void shards() {
        SHARDS.forEach(shard -> PLACED.put(shard, new ArrayList<>()));
        for (Account account : Account.generate(0, 400)) {
            PLACED.get(RESOLVER.resolve(account.id())).add(account);
        }
        for (int i = 0; i < SHARDS.size(); i++) {
            Grant db = ShardServers.open(TestDatabase.POSTGRES, "grant_shard_" + (i + 1));
            DBS.add(db);
            Account.recreate(db, TABLE_NAME, PLACED.get(SHARDS.get(i)));
        }
        ShardServers.register(SHARDS, DBS);
    }

    @AfterAll
    static void close() {
        ShardServers.closeAll(DBS);
    }

    @BeforeEach
    void installResolver() {
        ShardManager.resolver(RESOLVER);
    }

    @AfterEach
    void restore() {
        ShardManager.clearResolver();
        Grant.setDefault(null);
    }

    private static AsyncQuery<Account> accounts() {
        return AsyncQuery.of(ACCOUNTS);
    }

    private static long sizeOf(String shard) {
        return PLACED.get(shard).size();
    }

    @Test
    void everyShardHoldsSomeOfTheKeys() {
        SHARDS.forEach(shard -> assertThat(sizeOf(shard)).as(shard).isBetween(60L, 140L));
    }

    @Test
    void forKeyRunsOnTheShardTheKeyResolvesTo() {
        for (Account account : Account.generate(0, 400).subList(0, 40)) {
            String shard = RESOLVER.resolve(account.id());
            assertThat(ShardManager.shardFor(account.id())).isEqualTo(shard);
            AsyncResult<Optional<Account>> found = accounts().forKey(account.id()).find(account.id());
            assertThat(found.operation()).isEqualTo("Account.find@" + shard);
            assertThat(found.await()).contains(account);
            assertThat(accounts().forKey(account.id()).count().await()).isEqualTo(sizeOf(shard));
        }
    }

    @Test
    void findByAnIdThatIsTheShardKeyGoesToTheIdsShard() {
        Grant.setDefault(ShardManager.shard("s1")); // where an unrouted query would go
        for (Account account : Account.generate(0, 400).subList(100, 140)) {
            String shard = RESOLVER.resolve(account.id());
            AsyncResult<Optional<Account>> found = accounts().find(account.id());
            assertThat(found.operation()).isEqualTo("Account.find@" + shard);
            assertThat(found.await()).contains(account);
            assertThat(accounts().findOrThrow(account.id()).await()).isEqualTo(account);
        }
    }

    @Test
    void findIsRoutedOnlyWhenNothingElseChoosesTheShard() {
        Grant.setDefault(ShardManager.shard("s1"));
        Account elsewhere = PLACED.get("s3").get(0);

        ShardManager.clearResolver();
        assertThat(accounts().find(elsewhere.id()).await()).as("no resolver: the default database").isEmpty();
        ShardManager.resolver(RESOLVER);

        assertThat(ShardManager.withShard("s2", () -> accounts().find(elsewhere.id())).await())
                .as("withShard wins").isEmpty();
        assertThat(accounts().onShard("s4").find(elsewhere.id()).await()).as("onShard wins").isEmpty();
        ModelTable<Account> byName = Account.shardedByName(TABLE_NAME);
        assertThat(AsyncQuery.of(byName).find(elsewhere.id()).await())
                .as("the id is not the shard key: the default database").isEmpty();
        assertThat(AsyncQuery.of(byName).forKey(elsewhere.id()).find(elsewhere.id()).await()).contains(elsewhere);
    }

    @Test
    void routingByKeyNeedsAResolverThatNamesARegisteredShard() {
        ShardManager.clearResolver();
        assertThatThrownBy(() -> accounts().forKey(7L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No ShardResolver installed, so key 7 has no shard");
        ShardManager.resolver(ShardResolver.lookup(key -> "nowhere"));
        assertThatThrownBy(() -> accounts().forKey(7L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The ShardResolver mapped key 7 to unknown shard 'nowhere'; registered shards: [s1, s2, s3, s4]");
        ShardManager.resolver(ShardResolver.hash(List.of("s1", "gone")));
        Long toGone = Account.generate(0, 400).stream().map(Account::id)
                .filter(id -> ShardResolver.hash(List.of("s1", "gone")).resolve(id).equals("gone")).findFirst().orElseThrow();
        assertThatThrownBy(() -> accounts().find(toGone))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ShardResolver.hash[s1, gone] mapped key " + toGone + " to unknown shard 'gone'");
    }

    @Test
    void anAsyncResolverRoutesThroughFlatMap() {
        AsyncShardResolver directory = AsyncShardResolver.of(RESOLVER);
        Account account = PLACED.get("s2").get(3);
        AsyncResult<Optional<Account>> found = directory.resolveAsync(account.id())
                .flatMap(shard -> accounts().onShard(shard).find(account.id()));
        assertThat(found.await()).contains(account);
    }

    @Test
    void executeAcrossShardsKeepsEveryShardsResultInTheOrderGiven() {
        ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(List.of("s3", "s1", "s4"),
                shard -> accounts().count());
        assertThat(counts.shards()).containsExactly("s3", "s1", "s4");
        assertThat(counts.awaitAll()).containsExactly(Map.entry("s3", sizeOf("s3")), Map.entry("s1", sizeOf("s1")),
                Map.entry("s4", sizeOf("s4")));
        assertThat(counts.get("s1").await()).isEqualTo(sizeOf("s1"));
        assertThat(counts.get("s4").operation()).isEqualTo("Account.count@s4");
        assertThat(ShardedAsyncExecutor.executeAcrossShards(shard -> accounts().count()).awaitAll())
                .containsOnlyKeys(SHARDS);
    }

    @Test
    void workSuppliedPerShardRunsOnItsShard() {
        ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(SHARDS,
                shard -> AsyncResult.supply("nested count", () -> accounts().count().await()));
        counts.awaitAll().forEach((shard, count) -> assertThat(count).as(shard).isEqualTo(sizeOf(shard)));
    }

    @Test
    void failedShardsAreNamedAndTheOthersStillAnswer() {
        ModelTable<Account> missing = Account.table("shard_no_such_table");
        ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(SHARDS,
                shard -> shard.equals("s2") || shard.equals("s4") ? AsyncQuery.of(missing).count() : accounts().count());
        assertThatThrownBy(counts::awaitAll)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessageStartingWith("2 of 4 shards failed: 's2' (Account.count@s2: ")
                .hasMessageContaining("'s4' (Account.count@s4: ")
                .hasMessageContaining("shard_no_such_table");
        assertThat(counts.successes()).containsExactly(Map.entry("s1", sizeOf("s1")), Map.entry("s3", sizeOf("s3")));
        assertThat(counts.failures()).containsOnlyKeys("s2", "s4");
    }

    @Test
    void aSlowShardTimesOutAloneAndItsStatementIsCancelledOnTheServer() {
        String marker = "grant-shard-slow-one";
        long started = System.nanoTime();
        ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(SHARDS, shard -> shard.equals("s3")
                ? accounts().where(org.jooq.impl.DSL.condition("(select true from pg_sleep(30) /* " + marker + " */)")).count()
                : accounts().count());
        counts.waitAll(Duration.ofSeconds(2));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(counts.successes()).containsOnlyKeys("s1", "s2", "s4");
        assertThat(counts.failures().get("s3")).isInstanceOf(io.grant.async.AsyncTimeoutException.class);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> ShardServers.runningOnServer(DBS.get(0), marker) == 0);
    }

    @Test
    void executeAcrossShardsRefusesUnknownShardsBeforeStartingAnything() {
        List<Long> before = DBS.stream().map(db -> db.metrics().totalOperations()).toList();
        assertThatThrownBy(() -> ShardedAsyncExecutor.executeAcrossShards(List.of("s1", "s2", "eu"),
                shard -> accounts().count()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unknown shard 'eu'; registered shards: [s1, s2, s3, s4]");
        assertThatThrownBy(() -> ShardedAsyncExecutor.executeAcrossShards(List.of("s1", "s1"),
                shard -> accounts().count()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard 's1' is listed twice: [s1, s1]");
        assertThat(DBS.stream().map(db -> db.metrics().totalOperations()).toList()).isEqualTo(before);
    }
}
