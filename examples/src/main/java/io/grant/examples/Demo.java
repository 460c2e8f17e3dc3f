package io.grant.examples;

import io.grant.Grant;
import io.grant.async.AsyncCoordinator;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.async.AsyncTimeoutException;
import io.grant.metrics.AsyncMetrics;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardedAsyncExecutor;
import io.grant.shard.ShardedResults;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Grant's demo, on embedded H2: generated companions, several aggregations at once against the same ones
 * one after another, a wait group, a bulk update, a timeout that really stops the query, and three shards.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am verify -DskipTests -Pdemo}.
 */
public final class Demo {

    private static final int USERS = 20_000;
    private static final int ORDERS = 400_000;

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        new Demo(System.out).run();
    }

    void run() {
        try (Grant db = Grant.builder().name("demo").jdbcUrl("jdbc:h2:mem:grant-demo;DB_CLOSE_DELAY=-1")
                .poolSize(4).build()) {
            Grant.setDefault(db);
            Seed.schema(db);
            Seed.users(db, USERS);
            Seed.orders(db, ORDERS, USERS);
            out.printf("Seeded %,d users and %,d orders into embedded H2.%n%n", USERS, ORDERS);

            aggregations();
            waitGroup();
            bulkUpdate();
            timeout(db);
            out.printf("%nMetrics of 'demo': %s%n", db.metrics());
        } finally {
            Grant.setDefault(null);
        }
        shards();
        out.printf("Metrics of every database: %s%n", AsyncMetrics.global());
    }

    /** Six aggregations: one after another, then all at once through an AsyncScope. */
    private void aggregations() {
        out.println("== Six aggregations: one after another, then all at once (AsyncScope) ==");
        Supplier<Report> sequential = () -> new Report(
                UserAsync.count().await(),
                UserAsync.where(UserAsync.ACTIVE.isTrue()).count().await(),
                UserAsync.avg(UserAsync.AGE).await(),
                OrderAsync.sum(OrderAsync.TOTAL).await(),
                OrderAsync.max(OrderAsync.TOTAL).await(),
                OrderAsync.where(OrderAsync.STATUS.eq("paid")).count().await());
        Supplier<Report> parallel = () -> {
            try (AsyncScope scope = AsyncScope.open(Duration.ofSeconds(30))) {
                AsyncResult<Long> users = UserAsync.count();
                AsyncResult<Long> active = UserAsync.where(UserAsync.ACTIVE.isTrue()).count();
                AsyncResult<Optional<BigDecimal>> avgAge = UserAsync.avg(UserAsync.AGE);
                AsyncResult<BigDecimal> revenue = OrderAsync.sum(OrderAsync.TOTAL);
                AsyncResult<Optional<BigDecimal>> biggest = OrderAsync.max(OrderAsync.TOTAL);
                AsyncResult<Long> paid = OrderAsync.where(OrderAsync.STATUS.eq("paid")).count();
                scope.join();
                return new Report(users.await(), active.await(), avgAge.await(), revenue.await(), biggest.await(),
                        paid.await());
            }
        };
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            sequential.get();
            parallel.get();
        }
        long oneByOne = bestOf(5, sequential);
        long atOnce = bestOf(5, parallel);
        Report report = parallel.get();
        out.printf("users=%,d active=%,d avgAge=%s revenue=%s biggestOrder=%s paidOrders=%,d%n", report.users(),
                report.active(), report.avgAge().orElseThrow(), report.revenue(), report.biggest().orElseThrow(),
                report.paid());
        out.printf("one after another: %6.1f ms (best of 5)%n", oneByOne / 1e6);
        out.printf("all at once:       %6.1f ms (best of 5) -> %.2fx on %d cores and a pool of 4%n%n", atOnce / 1e6,
                (double) oneByOne / atOnce, Runtime.getRuntime().availableProcessors());
    }

    private record Report(long users, long active, Optional<BigDecimal> avgAge, BigDecimal revenue,
            Optional<BigDecimal> biggest, long paid) {}

    /** A wait group: wait for everything, whatever failed, then look at the failures. */
    private void waitGroup() {
        out.println("== AsyncCoordinator: a wait group that never throws for its results ==");
        AsyncCoordinator all = new AsyncCoordinator();
        AsyncResult<List<String>> statuses = all.add(OrderAsync.query().orderBy(OrderAsync.ID.asc()).limit(3)
                .pluck(OrderAsync.STATUS));
        AsyncResult<Optional<User>> first = all.add(UserAsync.find(1L));
        AsyncResult<User> missing = all.add(UserAsync.findOrThrow(-1L));
        all.waitAll(Duration.ofSeconds(10));
        out.printf("first statuses=%s, user 1=%s%n", statuses.await(), first.await().map(User::name).orElse("?"));
        out.printf("%d of %d failed: %s%n%n", all.failed().size(), all.size(),
                missing.onError(e -> null) == null ? "findOrThrow(-1) -> " + rootMessage(missing) : "none");
    }

    private static String rootMessage(AsyncResult<?> result) {
        return result.toCompletableFuture().handle((value, error) -> error.getMessage()).join();
    }

    /** A bulk update and touchAll. */
    private void bulkUpdate() {
        out.println("== Bulk update ==");
        long deactivated = UserAsync.where(UserAsync.AGE.lt(21)).update(UserAsync.ACTIVE.set(false)).await();
        long touched = UserAsync.where(UserAsync.ACTIVE.isFalse()).touchAll().await();
        long refunded = OrderAsync.where(OrderAsync.STATUS.eq("disputed")).update(OrderAsync.STATUS.set("refunded"))
                .await();
        out.printf("deactivated %,d users under 21, touched %,d inactive users, refunded %,d disputed orders%n%n",
                deactivated, touched, refunded);
    }

    /**
     * A query that would run for a long time (any jOOQ work, through {@code db.async}), created inside a scope and
     * awaited with a timeout: its statement is cancelled in the database, and the scope does not close until it
     * has really stopped.
     */
    @SuppressWarnings("try") // the scope is there for its close(), which waits until the statement has stopped
    private void timeout(Grant db) {
        out.println("== Timeout ==");
        try (AsyncScope scope = AsyncScope.open()) {
            // every pair of orders whose totals add up to less than zero: none, after 160 billion pairs
            Table<?> a = OrderAsync.TABLE.table().as(DSL.unquotedName("a"));
            Table<?> b = OrderAsync.TABLE.table().as(DSL.unquotedName("b"));
            Field<BigDecimal> aTotal = DSL.field(DSL.unquotedName("a", OrderAsync.TOTAL.name()), BigDecimal.class);
            Field<BigDecimal> bTotal = DSL.field(DSL.unquotedName("b", OrderAsync.TOTAL.name()), BigDecimal.class);
            AsyncResult<Integer> slow = db.async("Orders.selfJoin", dsl -> dsl.fetchCount(dsl.selectOne().from(a, b)
                    .where(aTotal.plus(bTotal).lt(BigDecimal.ZERO))));
            long start = System.nanoTime();
            try {
                slow.await(Duration.ofMillis(200));
            } catch (AsyncTimeoutException e) {
                out.printf("%s (after %.0f ms); state=%s%n", e.getMessage(), (System.nanoTime() - start) / 1e6,
                        slow.state());
            }
        }
        out.printf("after the scope closed: %d operations still running, %d connections in use%n",
                db.metrics().activeOperations(), db.activeConnections());
    }

    /** Three embedded H2 shards of different sizes: per-shard counts and the merged total and average. */
    private void shards() {
        out.println("\n== Three shards (embedded H2) ==");
        List<String> names = List.of("eu", "us_east", "us_west");
        int[] sizes = {3_000, 12_000, 500};
        try (Grant eu = shard("eu"); Grant east = shard("us_east"); Grant west = shard("us_west")) {
            Grant[] dbs = {eu, east, west};
            for (int i = 0; i < dbs.length; i++) {
                Seed.schema(dbs[i]);
                Seed.users(dbs[i], sizes[i], names.get(i) + "-user");
                ShardManager.register(names.get(i), dbs[i]);
            }
            ShardedResults<Long> counts = ShardedAsyncExecutor.executeAcrossShards(names,
                    shard -> UserAsync.where(UserAsync.ACTIVE.isTrue()).count());
            Map<String, Long> perShard = counts.awaitAll();
            out.printf("active users per shard: %s%n", perShard);
            out.printf("merged: count=%,d avg(age)=%s (the global average: total sum / total count)%n",
                    UserAsync.acrossShards().count().await(),
                    UserAsync.acrossShards().avg(UserAsync.AGE).await().orElseThrow());
            out.printf("oldest three anywhere: %s%n", UserAsync.acrossShards().orderBy(UserAsync.AGE.desc(),
                    UserAsync.ID.asc()).limit(3).pluck(UserAsync.NAME).await());
            long eu18 = ShardManager.withShard("eu", () -> UserAsync.where(UserAsync.AGE.eq(18)).count()).await();
            out.printf("18-year-olds on eu (created inside withShard, awaited outside): %,d%n", eu18);
        } finally {
            ShardManager.clear();
        }
    }

    private static Grant shard(String name) {
        return Grant.builder().name(name).jdbcUrl("jdbc:h2:mem:grant-demo-" + name + ";DB_CLOSE_DELAY=-1")
                .poolSize(2).build();
    }

    private static long bestOf(int runs, Supplier<?> work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
