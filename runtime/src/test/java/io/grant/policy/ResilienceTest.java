package io.grant.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grant.Batching;
import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and the circuit breaker, against a data source that fails on demand: which failures are retried, which
 * never are, how the breaker opens, fails fast naming the database, half-opens and closes.
 */
class ResilienceTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** A pool in front of which connections can be refused with a connection-class failure. */
    private static final class Flaky implements AutoCloseable {
        final HikariDataSource pool;
        final AtomicInteger refuse = new AtomicInteger();
        final AtomicInteger asked = new AtomicInteger();
        final DataSource dataSource;

        Flaky() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            config.setMaximumPoolSize(4);
            pool = new HikariDataSource(config);
            dataSource = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            asked.incrementAndGet();
                            if (refuse.get() > 0 && refuse.getAndDecrement() > 0) {
                                throw new SQLException("Connection refused (injected)", "08001");
                            }
                        }
                        try {
                            return method.invoke(pool, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    private Flaky flaky() {
        Flaky flaky = new Flaky();
        open.add(0, flaky);
        return flaky;
    }

    private Grant grant(Flaky flaky, RetryPolicy retry, BreakerPolicy breaker) {
        Grant db = Grant.builder().name("flaky").dataSource(flaky.dataSource).dialect(SQLDialect.H2).poolSize(4)
                .batching(Batching.off()).retry(retry).circuitBreaker(breaker).build();
        open.add(0, db);
        db.dsl().execute("create table t (id int primary key, v int)");
        db.dsl().execute("insert into t values (1, 10), (2, 20)");
        return db;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : open) {
            resource.close();
        }
    }

    /** A model of the test table {@code t}, for reads that Grant knows are reads. */
    record Row(Integer id, Integer v) {}

    private static final NumericColumn<Row, Integer, Long> ID = NumericColumn.of(Row.class, "id", "id", Integer.class,
            Long.class);
    private static final NumericColumn<Row, Integer, Long> V = NumericColumn.of(Row.class, "v", "v", Integer.class,
            Long.class);
    private static final ModelTable<Row> T = ModelTable.builder(Row.class, "t").columns(ID, V).id(ID)
            .mapper(row -> new Row(row.get(ID), row.get(V))).build();

    @Test
    void aReadIsRetriedAfterATransientFailureAndSucceeds() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.defaults().backoff(Duration.ofMillis(5)), BreakerPolicy.disabled());
        flaky.refuse.set(2);
        int before = flaky.asked.get();
        assertThat(AsyncQuery.of(T).on(db).sum(V).await()).isEqualTo(30L);
        assertThat(flaky.asked.get() - before).isEqualTo(3);
        assertThat(db.metrics().failedOperations()).isZero();
        assertThat(db.metrics().totalOperations()).isEqualTo(1);
    }

    @Test
    void customWorkIsNotKnownToReadAndIsNotRetriedByDefault() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.defaults().backoff(Duration.ofMillis(5)), BreakerPolicy.disabled());
        flaky.refuse.set(2);
        int before = flaky.asked.get();
        AsyncResult<Integer> work = db.async("Read", dsl -> dsl.fetchOne("select v from t where id = 1").get(0, Integer.class));
        assertThatThrownBy(work::await).isInstanceOf(AsyncExecutionException.class)
                .hasRootCauseMessage("Connection refused (injected)");
        assertThat(flaky.asked.get() - before).isEqualTo(1);
    }

    @Test
    void writesAreRetriedOnlyWhenAskedTo() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.defaults().backoff(Duration.ofMillis(5)).retryWrites(true),
                BreakerPolicy.disabled());
        flaky.refuse.set(2);
        int before = flaky.asked.get();
        AsyncResult<Integer> write = db.async("Write", dsl -> dsl.execute("update t set v = v + 1 where id = 1"));
        assertThat(write.await()).isEqualTo(1);
        assertThat(flaky.asked.get() - before).isEqualTo(3);
        assertThat(db.dsl().fetchOne("select v from t where id = 1").get(0, Integer.class)).isEqualTo(11);
        assertThat(db.metrics().failedOperations()).isZero();
        assertThat(db.metrics().totalOperations()).isEqualTo(1);
    }

    @Test
    void attemptsAreBoundedAndTheLastFailureIsReported() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.defaults().backoff(Duration.ofMillis(5)).maxAttempts(3).retryWrites(true),
                BreakerPolicy.disabled());
        flaky.refuse.set(100);
        int before = flaky.asked.get();
        AsyncResult<Integer> write = db.async("Write", dsl -> dsl.execute("update t set v = 0"));
        assertThatThrownBy(write::await).isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("Write").hasRootCauseMessage("Connection refused (injected)");
        assertThat(flaky.asked.get() - before).isEqualTo(3);
        assertThat(db.metrics().failedOperations()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.metrics().activeOperations() == 0);
    }

    @Test
    void aFailureThatIsNotTransientIsNeverRetried() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.defaults().backoff(Duration.ofMillis(5)).retryWrites(true),
                BreakerPolicy.disabled());
        AtomicInteger runs = new AtomicInteger();
        AsyncResult<Object> bad = db.async("Bad", dsl -> {
            runs.incrementAndGet();
            return dsl.fetchValue("select nope from t");
        });
        assertThatThrownBy(bad::await).isInstanceOf(AsyncExecutionException.class);
        assertThat(runs).hasValue(1);
        AsyncResult<Integer> duplicate = db.async("Duplicate", dsl -> {
            runs.incrementAndGet();
            return dsl.execute("insert into t values (1, 0)");
        });
        assertThatThrownBy(duplicate::await).isInstanceOf(AsyncExecutionException.class);
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRetryNeverWaitsPastTheDeadline() {
        Flaky flaky = flaky();
        Grant db = Grant.builder().name("flaky").dataSource(flaky.dataSource).dialect(SQLDialect.H2).poolSize(4)
                .batching(Batching.off()).defaultTimeout(Duration.ofMillis(300))
                .retry(RetryPolicy.defaults().backoff(Duration.ofSeconds(5)).retryWrites(true))
                .circuitBreaker(BreakerPolicy.disabled()).build();
        open.add(0, db);
        flaky.refuse.set(1);
        int before = flaky.asked.get();
        AsyncResult<Integer> write = db.async("Write", dsl -> dsl.execute("select 1"));
        assertThatThrownBy(write::await).isInstanceOf(AsyncExecutionException.class)
                .hasRootCauseMessage("Connection refused (injected)");
        assertThat(flaky.asked.get() - before).isEqualTo(1);
    }

    @Test
    void theBreakerOpensOnConnectionFailuresFailsFastNamingTheDatabaseAndClosesAgain() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.none(), BreakerPolicy.defaults().openFor(Duration.ofMillis(300)));
        assertThat(db.health().status()).isEqualTo(Health.Status.UP);
        assertThat(db.health().breakerState()).isEqualTo(BreakerState.CLOSED);
        flaky.refuse.set(1_000);
        for (int i = 0; i < 10; i++) {
            AsyncResult<Integer> call = db.async("Call", dsl -> dsl.fetchOne("select 1").get(0, Integer.class));
            assertThatThrownBy(call::await).isInstanceOf(AsyncExecutionException.class);
        }
        assertThat(db.health().breakerState()).isEqualTo(BreakerState.OPEN);
        assertThat(db.health().status()).isEqualTo(Health.Status.DOWN);

        int asked = flaky.asked.get();
        AsyncResult<Integer> refused = db.async("Call", dsl -> dsl.fetchOne("select 1").get(0, Integer.class));
        assertThat(refused.isDone()).as("failed at once, without waiting for a connection").isTrue();
        assertThatThrownBy(refused::await).isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("Database 'flaky' is unavailable")
                .hasMessageContaining("Connection refused (injected)")
                .satisfies(e -> assertThat(((DatabaseUnavailableException) e.getCause()).database()).isEqualTo("flaky"));
        assertThat(flaky.asked.get()).as("the database was not asked").isEqualTo(asked);

        flaky.refuse.set(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            AsyncResult<Integer> trial = db.async("Trial", dsl -> dsl.fetchOne("select 1").get(0, Integer.class));
            return trial.onError(e -> -1) == 1;
        });
        assertThat(db.health().breakerState()).isEqualTo(BreakerState.CLOSED);
        assertThat(db.health().status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void failuresThatReachedTheDatabaseNeverOpenTheBreaker() {
        Flaky flaky = flaky();
        Grant db = grant(flaky, RetryPolicy.none(), BreakerPolicy.defaults());
        for (int i = 0; i < 30; i++) {
            AsyncResult<Object> bad = db.async("Bad", dsl -> dsl.fetchValue("select nope from t"));
            assertThatThrownBy(bad::await).isInstanceOf(AsyncExecutionException.class);
        }
        assertThat(db.health().breakerState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void policiesRefuseNonsenseNamingTheRule() {
        assertThatThrownBy(() -> RetryPolicy.defaults().maxAttempts(0))
                .hasMessage("maxAttempts must be between 1 and 100, was 0");
        assertThatThrownBy(() -> RetryPolicy.defaults().backoff(Duration.ofMillis(-1)))
                .hasMessageContaining("backoff must be between 0 and 1 minute");
        assertThatThrownBy(() -> BreakerPolicy.defaults().window(5, 6))
                .hasMessage("window needs 1 <= minimum <= calls, was calls=5, minimum=6");
        assertThatThrownBy(() -> BreakerPolicy.defaults().openFor(Duration.ZERO))
                .hasMessageContaining("openFor must be between 1 ms and 1 hour");
        assertThatThrownBy(() -> Grant.builder().cancelTimeout(Duration.ofMillis(1)))
                .hasMessageContaining("cancelTimeout must be between 10 ms and 10 minutes");
        assertThat(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
        assertThat(RetryPolicy.defaults().retriesWrites()).isFalse();
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void failuresAreClassifiedBySqlState() {
        assertThat(Failures.isTransient(new SQLException("x", "08006"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("x", "40001"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("x", "40P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("x", "57P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("x", "53300"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("Deadlock found", "40001", 1213))).isTrue();
        assertThat(Failures.isTransient(new SQLException("Deadlock found", "HY000", 1213))).isTrue();
        assertThat(Failures.isTransient(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("x", "08001")))).isTrue();
        assertThat(Failures.isTransient(new SQLException("canceled by the user", "57014"))).isFalse();
        assertThat(Failures.isTransient(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Failures.isTransient(new SQLException("syntax", "42601"))).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("no"))).isFalse();
        assertThat(Failures.isConnectionFailure(new SQLException("x", "08003"))).isTrue();
        assertThat(Failures.isConnectionFailure(new SQLException("x", "40001"))).isFalse();
        assertThat(Failures.isConnectionFailure(new SQLException("x", "57P03"))).isTrue();
    }
}
