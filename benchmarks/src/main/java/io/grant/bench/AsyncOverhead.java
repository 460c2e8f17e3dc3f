package io.grant.bench;

import io.grant.async.AsyncResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of {@code db.async(...).await()} goes: the runtime's steps rebuilt one at a time, outside the
 * runtime, each adding one thing to the one before.
 *
 * <ol>
 *   <li>{@link #pooledDsl}: {@code select 1} through {@code db.dsl()}, the blocking baseline.
 *   <li>{@link #derivedDsl}: as the runtime's executor does per operation: borrow a connection, derive a jOOQ
 *       {@link Configuration} for it with a listener of its own, run the query; on the caller's thread.
 *   <li>{@link #derivedDslOnVirtualThread}: the same on a new named virtual thread, the caller awaiting it.
 *   <li>{@link #asyncAwait}: the runtime itself, which adds its permit, task, metrics and cancel hooks.
 * </ol>
 * {@link #asyncAwaitAfterSpin} is an alternative to step 4: the caller spins on {@code isDone()} for up to
 * 50 µs before it parks in {@code await()}, so that a quick operation's end needs no wake-up of the caller.
 * {@link #deriveOnly} times step 2's configuration alone, without a connection or a query;
 * {@link #virtualThreadHop} and {@link #unnamedVirtualThreadHop} time step 3's hop alone, with no work on the
 * other side, the thread named as the runtime names its threads or not.
 *
 * <p>JMH calls these from platform threads; {@link OnVirtualThreads} calls them from virtual threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class AsyncOverhead {

    private static final String OPERATION = "bench.select1";

    /** How long {@link #asyncAwaitAfterSpin} spins before it parks in {@code await()}. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /** What the runtime's executor derives every operation's configuration from. */
    private final Configuration configuration = new DefaultConfiguration()
            .set(SQLDialect.H2)
            .set(new Settings().withExecuteLogging(false));

    @Benchmark
    public Integer pooledDsl(H2Database h2) {
        return H2Database.SELECT_ONE.apply(h2.db.dsl());
    }

    @Benchmark
    public Integer derivedDsl(H2Database h2) throws SQLException {
        return selectOnDerived(h2);
    }

    @Benchmark
    public DSLContext deriveOnly() {
        Configuration derived = configuration.derive(new DefaultConnectionProvider(null));
        derived.set(new StatementWatch());
        return derived.dsl();
    }

    @Benchmark
    public Integer derivedDslOnVirtualThread(H2Database h2) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().name(OPERATION).start(() -> {
            try {
                result.complete(selectOnDerived(h2));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    @Benchmark
    public Integer asyncAwait(H2Database h2) {
        return h2.db.async(OPERATION, H2Database.SELECT_ONE).await();
    }

    @Benchmark
    public Integer asyncAwaitAfterSpin(H2Database h2) {
        AsyncResult<Integer> result = h2.db.async(OPERATION, H2Database.SELECT_ONE);
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (!result.isDone() && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        return result.await();
    }

    @Benchmark
    public Integer virtualThreadHop() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().name(OPERATION).start(() -> result.complete(1));
        return result.join();
    }

    @Benchmark
    public Integer unnamedVirtualThreadHop() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> result.complete(1));
        return result.join();
    }

    private Integer selectOnDerived(H2Database h2) throws SQLException {
        try (Connection connection = h2.db.dataSource().getConnection()) {
            Configuration derived = configuration.derive(new DefaultConnectionProvider(connection));
            derived.set(new StatementWatch());
            return H2Database.SELECT_ONE.apply(derived.dsl());
        }
    }

    /** Keeps the running statement, as the runtime's executor does to cancel it. */
    @SuppressWarnings("serial") // ExecuteListener is Serializable by inheritance; never serialized
    private static final class StatementWatch implements ExecuteListener {
        private static final long serialVersionUID = 1L;

        private volatile Statement statement;

        @Override
        public void executeStart(ExecuteContext ctx) {
            statement = ctx.statement();
        }

        @Override
        public void end(ExecuteContext ctx) {
            statement = null;
        }
    }

    /** The same benchmarks, each called from a virtual thread (JMH's {@code jmh.executor=VIRTUAL}). */
    @Fork(value = 3, jvmArgsAppend = "-Djmh.executor=VIRTUAL")
    public static class OnVirtualThreads extends AsyncOverhead {}
}
