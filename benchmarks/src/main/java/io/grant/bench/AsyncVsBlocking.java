package io.grant.bench;

import io.grant.async.AsyncResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one operation costs through {@link AsyncResult} against the same blocking call: {@code select 1} on
 * in-memory H2, so that the database's own time is as small as it gets and the runtime's share shows.
 *
 * <p>Single operations, one caller: {@link #blockingJdbc} (plain JDBC on a pooled connection),
 * {@link #blockingJooq} (the same through {@code db.dsl()}), {@link #virtualThreadJooq} (the same on a new
 * virtual thread that the caller joins: the least any async call can cost) and {@link #asyncAwait}
 * ({@code db.async(...).await()}). Batches of {@value #BATCH}: {@link #blockingBatch} runs them one after the
 * other, {@link #asyncBatch} starts them all and awaits them together; both report the time per operation.
 *
 * <p>JMH calls these from platform threads; {@link OnVirtualThreads} runs the same benchmarks called from
 * virtual threads, as code written for Grant usually is. Where the caller is matters: awaiting a virtual
 * thread from a platform thread costs the operating system two wake-ups, from a virtual thread it does not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncVsBlocking {

    static final int BATCH = 100;

    @Benchmark
    public int blockingJdbc(H2Database h2) throws SQLException {
        try (Connection connection = h2.db.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("select 1");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Benchmark
    public Integer blockingJooq(H2Database h2) {
        return H2Database.SELECT_ONE.apply(h2.db.dsl());
    }

    /**
     * The same jOOQ query as {@link #blockingJooq}, run on a virtual thread started for it and joined: the hop that
     * every async call makes, with nothing else. Target 4 of the benchmark suite: {@link #asyncAwait} within 1.5x
     * of this.
     */
    @Benchmark
    public Integer virtualThreadJooq(H2Database h2) throws InterruptedException, ExecutionException {
        FutureTask<Integer> query = new FutureTask<>(() -> H2Database.SELECT_ONE.apply(h2.db.dsl()));
        Thread.ofVirtual().start(query).join();
        return query.get(); // done, since join() returned: the value, or the query's failure
    }

    @Benchmark
    public Integer asyncAwait(H2Database h2) {
        return h2.db.async("bench.select1", H2Database.SELECT_ONE).await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void blockingBatch(H2Database h2, Blackhole sink) {
        for (int i = 0; i < BATCH; i++) {
            sink.consume(H2Database.SELECT_ONE.apply(h2.db.dsl()));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Integer> asyncBatch(H2Database h2) {
        List<AsyncResult<Integer>> results = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            results.add(h2.db.async("bench.select1", H2Database.SELECT_ONE));
        }
        return AsyncResult.all(results).await();
    }

    /** The same benchmarks, each called from a virtual thread (JMH's {@code jmh.executor=VIRTUAL}). */
    @Fork(value = 3, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public static class OnVirtualThreads extends AsyncVsBlocking {}
}
