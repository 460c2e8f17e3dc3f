package io.grant.bench;

import io.grant.Grant;
import io.grant.query.AsyncQuery;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardedQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Fan-out latency over 8 PostgreSQL shards whose queries take different server-side times ({@code pg_sleep}
 * of 25, 50, ... 200 ms): the wall time of {@code acrossShards().count()} against the slowest shard alone
 * (target: within 10%) and against the 8 shards one after another, measured side by side in each round.
 * Not a JMH benchmark: each sample is hundreds of milliseconds of server time, so rounds and medians say
 * more than JMH's per-invocation machinery would.
 *
 * <p>It creates the databases {@code grant_fanout_1..8} on the server of {@code GRANT_BENCH_POSTGRES_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code GRANT_BENCH_POSTGRES_USER} or
 * {@code postgres}). Run, from the repository root:
 *
 * <pre>
 * mvn -B -pl benchmarks -am package -DskipTests &amp;&amp; cp benchmarks/target/benchmarks.jar /tmp/
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp /tmp/benchmarks.jar io.grant.bench.ShardFanOut [rounds]
 * </pre>
 */
public final class ShardFanOut {

    /** One row of the measured table. */
    record Row(Long id) {}

    private static final NumericColumn<Row, Long, Long> ID = NumericColumn.of(Row.class, "id", "id", Long.class, Long.class);
    private static final ModelTable<Row> ROWS = ModelTable.builder(Row.class, "fanout_rows")
            .columns(List.<Column<Row, ?>>of(ID)).id(ID).mapper(row -> new Row(row.get(ID))).build();
    private static final Condition DELAYED =
            DSL.condition("exists (select 1 from fanout_delay d, pg_sleep(d.delay_ms / 1000.0))");
    private static final int SHARDS = 8;
    private static final int STEP_MS = 25;
    private static final int WARM_UP = 5;

    private ShardFanOut() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (Shards shards = Shards.open(URL, USER, PASSWORD)) {
            LongSupplier fanOut = () -> time(shards::fanOut);
            LongSupplier alone = () -> time(shards::slowestAlone);
            LongSupplier sequential = () -> time(shards::oneAfterAnother);
            for (int i = 0; i < WARM_UP; i++) {
                fanOut.getAsLong();
                alone.getAsLong();
                sequential.getAsLong();
            }
            long[] fan = new long[rounds];
            long[] one = new long[rounds];
            long[] seq = new long[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                fan[r] = fanOut.getAsLong();
                one[r] = alone.getAsLong();
                seq[r] = sequential.getAsLong();
                ratio[r] = fan[r] / (double) one[r];
            }
            System.out.printf(Locale.ROOT, "Fan-out over %d PostgreSQL shards, server-side delays %d..%d ms, %d rounds"
                    + " (after %d warm-up rounds)%n", SHARDS, STEP_MS, SHARDS * STEP_MS, rounds, WARM_UP);
            report("acrossShards().count()", fan);
            report("slowest shard alone", one);
            report("8 shards sequentially", seq);
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "fan-out / slowest alone, per round: median %.3f, p90 %.3f (target <= 1.10)%n",
                    ratio[rounds / 2], ratio[(int) Math.ceil(rounds * 0.9) - 1]);
            System.out.printf(Locale.ROOT, "sequential / fan-out (medians): %.2fx%n", median(seq) / (double) median(fan));
        }
    }

    /**
     * The 8 shards, registered with {@link ShardManager} as {@code f1..f8}, each a database of the benchmark's server
     * with its own pool of 2; closing unregisters them and closes their pools. The benchmark suite uses them too.
     */
    public static final class Shards implements AutoCloseable {

        private final List<Grant> dbs = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        private Shards() {}

        /** Creates (if missing) and fills the databases {@code grant_fanout_1..8} on the server of {@code url}. */
        public static Shards open(String url, String user, String password) {
            Shards shards = new Shards();
            try {
                for (int i = 1; i <= SHARDS; i++) {
                    Grant db = ShardFanOut.open(url, user, password, "grant_fanout_" + i);
                    shards.dbs.add(db);
                    db.dsl().execute("drop table if exists fanout_rows");
                    db.dsl().execute("drop table if exists fanout_delay");
                    db.dsl().execute("create table fanout_rows (id bigint primary key)");
                    db.dsl().execute("insert into fanout_rows select g from generate_series(1, 100) g");
                    db.dsl().execute("create table fanout_delay (delay_ms int not null)");
                    db.dsl().execute("insert into fanout_delay values (" + (i * STEP_MS) + ")");
                    shards.names.add("f" + i);
                    ShardManager.register("f" + i, db);
                }
                return shards;
            } catch (RuntimeException e) {
                shards.close();
                throw e;
            }
        }

        /** The server-side delay of the slowest shard, in milliseconds. */
        public static int slowestDelayMillis() {
            return SHARDS * STEP_MS;
        }

        /** {@code acrossShards().count()}: every shard at once, merged. */
        public long fanOut() {
            return ShardedQuery.of(ROWS).where(DELAYED).count().await();
        }

        /** The same count on the slowest shard alone. */
        public long slowestAlone() {
            return AsyncQuery.of(ROWS).where(DELAYED).onShard(names.get(SHARDS - 1)).count().await();
        }

        /** The same count on each shard, one after another. */
        public long oneAfterAnother() {
            long total = 0;
            for (String shard : names) {
                total += AsyncQuery.of(ROWS).where(DELAYED).onShard(shard).count().await();
            }
            return total;
        }

        @Override
        public void close() {
            ShardManager.clear();
            dbs.forEach(Grant::close);
        }
    }

    private static final String URL = env("GRANT_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("GRANT_BENCH_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("GRANT_BENCH_POSTGRES_PASSWORD", "");

    /** Database {@code name} on the server of {@code url}, created if missing. */
    private static Grant open(String url, String user, String password, String name) {
        try (Connection admin = DriverManager.getConnection(url, user, password);
                PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    admin.createStatement().execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + url + " as " + user + " to create " + name
                    + ": " + e.getMessage() + " (set GRANT_BENCH_POSTGRES_URL)", e);
        }
        String shardUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        return Grant.builder().name(name).jdbcUrl(shardUrl).username(user).password(password).poolSize(2).build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static long time(LongSupplier work) {
        long start = System.nanoTime();
        work.getAsLong();
        return System.nanoTime() - start;
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-24s min %7.1f ms  median %7.1f ms  p90 %7.1f ms  max %7.1f ms%n", what,
                sorted[0] / 1e6, sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.9) - 1] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
