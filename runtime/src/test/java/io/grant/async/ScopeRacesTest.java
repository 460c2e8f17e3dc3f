package io.grant.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The races a scope must win every time, each repeated thousands of times: one run in a few hundred used to
 * lose them (a join that returned although an owned result had failed, a metric still counting an awaited
 * operation).
 */
class ScopeRacesTest {

    private static final int RUNS = 3_000;

    private static Grant db;

    @BeforeAll
    static void open() {
        db = Grant.builder().jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").poolSize(4).build();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void joinThrowsEveryTimeAnOwnedDatabaseOperationFailed() {
        for (int run = 0; run < RUNS; run++) {
            try (AsyncScope scope = AsyncScope.open()) {
                AsyncResult<Object> bad = db.async("Report.missing", dsl -> dsl.fetchValue("select x from no_such_table"));
                assertThatThrownBy(scope::join)
                        .as("run %d", run)
                        .isInstanceOf(AsyncExecutionException.class)
                        .satisfies(e -> assertThat(((AsyncExecutionException) e).operation()).isEqualTo("Report.missing"));
                assertThat(bad.state()).isEqualTo(AsyncResult.State.FAILED);
            }
        }
    }

    @Test
    void joinThrowsEveryTimeAnOwnedForkFailed() {
        for (int run = 0; run < RUNS; run++) {
            try (AsyncScope scope = AsyncScope.open()) {
                scope.fork("quick", () -> 1);
                scope.fork("boom", () -> {
                    throw new IllegalStateException("boom");
                });
                assertThatThrownBy(scope::join).as("run %d", run).isInstanceOf(AsyncExecutionException.class)
                        .hasRootCauseMessage("boom");
            }
        }
    }

    @Test
    void metricsAddUpAsSoonAsAwaitReturns() {
        long total = db.metrics().totalOperations();
        long failed = db.metrics().failedOperations();
        for (int run = 0; run < RUNS; run++) {
            assertThat(db.async("one", dsl -> dsl.fetchValue("select 1")).await()).isEqualTo(1);
            assertThat(db.metrics().activeOperations()).as("active after await, run %d", run).isZero();
            AsyncResult<Object> bad = db.async("bad", dsl -> dsl.fetchValue("select x from no_such_table"));
            assertThatThrownBy(bad::await).isInstanceOf(AsyncExecutionException.class);
            assertThat(db.metrics().activeOperations()).as("active after a failed await, run %d", run).isZero();
        }
        assertThat(db.metrics().totalOperations() - total).isEqualTo(2L * RUNS);
        assertThat(db.metrics().failedOperations() - failed).isEqualTo(RUNS);
    }

    @Test
    void metricsAddUpAsSoonAsWaitAllReturns() {
        for (int run = 0; run < RUNS / 10; run++) {
            AsyncCoordinator all = new AsyncCoordinator();
            for (int i = 0; i < 10; i++) {
                all.add(db.async("one", dsl -> dsl.fetchValue("select 1")));
            }
            all.waitAll();
            assertThat(db.metrics().activeOperations()).as("run %d", run).isZero();
        }
    }

    @Test
    void aFailureHandledWithRecoverDoesNotFailTheScope() {
        for (int run = 0; run < RUNS; run++) {
            try (AsyncScope scope = AsyncScope.open()) {
                AsyncResult<Object> recovered = db.async("Report.missing",
                        dsl -> dsl.fetchValue("select x from no_such_table")).recover(e -> "fallback");
                AsyncResult<Integer> forked = scope.<Integer>fork("boom", () -> {
                    throw new IllegalStateException("boom");
                }).recover(e -> -1);
                scope.join();
                assertThat(recovered.await()).isEqualTo("fallback");
                assertThat(forked.await()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aFailureHandledWithOnErrorDoesNotFailTheScope() {
        for (int run = 0; run < RUNS; run++) {
            try (AsyncScope scope = AsyncScope.open()) {
                AsyncResult<Object> bad = db.async("Report.missing", dsl -> dsl.fetchValue("select x from no_such_table"));
                assertThat(bad.onError(e -> "fallback")).isEqualTo("fallback");
                AsyncResult<Object> good = db.async("one", dsl -> dsl.fetchValue("select 1"));
                scope.join();
                assertThat(good.await()).isEqualTo(1);
            }
        }
    }

    @Test
    void anUnhandledFailureStillFailsTheScopeNextToAHandledOne() {
        for (int run = 0; run < RUNS / 3; run++) {
            try (AsyncScope scope = AsyncScope.open()) {
                db.async("handled", dsl -> dsl.fetchValue("select x from no_such_table")).recover(e -> null);
                db.async("unhandled", dsl -> dsl.fetchValue("select y from no_such_table"));
                assertThatThrownBy(scope::join).as("run %d", run).isInstanceOf(AsyncExecutionException.class)
                        .satisfies(e -> assertThat(((AsyncExecutionException) e).operation()).isEqualTo("unhandled"));
            }
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void closingTheOuterScopeClosesAnOpenInnerScopeFirst() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean innerWorkEnded = new AtomicBoolean();
        AsyncResult<Integer> inner;
        AsyncScope outer = AsyncScope.open();
        AsyncScope innerScope = AsyncScope.open();
        inner = innerScope.fork("inner", () -> {
            try {
                running.countDown();
                never.await();
                return 1;
            } finally {
                innerWorkEnded.set(true);
            }
        });
        // the inner work is running (work cancelled before it starts never runs at all)
        assertThat(awaitQuietly(running)).isTrue();
        assertThatThrownBy(outer::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inner AsyncScope was still open");
        // no work outlives the outer scope: the inner scope was closed (its work cancelled and ended) first
        assertThat(inner.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThat(innerWorkEnded).isTrue();
        innerScope.close(); // already closed by the outer one: a no-op
        // and the thread has no scope left: a result created now is owned by none
        AsyncResult<Integer> free = AsyncResult.supply("free", () -> 2);
        assertThat(free.await()).isEqualTo(2);
    }
}
