package io.grant.bench;

import io.grant.Grant;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@link Grant} over an in-memory H2 database, opened once per fork and shared by every benchmark thread.
 * Blocking and async benchmarks take their connections from this same pool, so they differ only in how the
 * query is run.
 */
@State(Scope.Benchmark)
public class H2Database {

    /** The query every benchmark runs: {@code select 1}, through jOOQ. */
    static final Function<DSLContext, Integer> SELECT_ONE = dsl -> dsl.selectOne().fetchOne(0, Integer.class);

    /** The pool size, which is also the runtime's {@code maxConcurrency}. */
    @Param("4")
    public int poolSize;

    Grant db;

    @Setup(Level.Trial)
    public void open() {
        db = Grant.builder()
                .name("bench")
                .jdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1")
                .poolSize(poolSize)
                .build();
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }
}
