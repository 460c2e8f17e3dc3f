package io.grant.bench.suite.lookups;

import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.TimedPeer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record6;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ's own async API as a jOOQ user would call it: {@code select ... where id = ?} with {@code fetchAsync()} and
 * its default executor, on a {@link DSLContext} over the same HikariCP pool of 8; one thread starts every lookup,
 * then joins every future. jOOQ's default executor is {@link ForkJoinPool#commonPool()} when its parallelism is
 * above 1, and otherwise a new platform thread per query (as on a 2-CPU machine); the note says which ran.
 */
final class JooqFetchAsync extends TimedPeer<long[]> {

    private static final Table<?> USERS = DSL.table(DSL.name("bench_users"));
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);
    private static final Field<String> EMAIL = DSL.field(DSL.name("email"), SQLDataType.VARCHAR);
    private static final Field<Integer> AGE = DSL.field(DSL.name("age"), SQLDataType.INTEGER);
    private static final Field<BigDecimal> BALANCE = DSL.field(DSL.name("balance"), SQLDataType.NUMERIC);
    private static final Field<Boolean> ACTIVE = DSL.field(DSL.name("active"), SQLDataType.BOOLEAN);

    private final DSLContext dsl;

    JooqFetchAsync(DataSource pool) {
        super("jOOQ fetchAsync()");
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
    }

    @Override
    protected Object run(long[] ids) {
        List<CompletableFuture<BenchUser>> pending = new ArrayList<>(ids.length);
        for (long id : ids) {
            pending.add(dsl.select(ID, NAME, EMAIL, AGE, BALANCE, ACTIVE).from(USERS).where(ID.eq(id)).fetchAsync()
                    .thenApply(rows -> rows.isEmpty() ? null : user(rows.get(0))).toCompletableFuture());
        }
        List<BenchUser> users = new ArrayList<>(ids.length);
        for (CompletableFuture<BenchUser> user : pending) {
            users.add(user.join());
        }
        return users;
    }

    private static BenchUser user(Record6<Long, String, String, Integer, BigDecimal, Boolean> row) {
        return new BenchUser(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6());
    }

    @Override
    public String note() {
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        return parallelism > 1 ? "jOOQ's default executor here: ForkJoinPool.commonPool(), parallelism " + parallelism
                : "jOOQ's default executor here: a new platform thread per query (commonPool parallelism "
                        + parallelism + ")";
    }
}
