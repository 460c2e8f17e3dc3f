package io.grant.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class AsyncResultTest {

    private final CountDownLatch release = new CountDownLatch(1);

    private AsyncResult<String> blocked(String value) {
        return AsyncResult.supply("Test.blocked", () -> {
            release.await();
            return value;
        });
    }

    @Test
    void supplyRunsOnAVirtualThreadAndAwaitReturnsTheValue() {
        AsyncResult<Boolean> virtual = AsyncResult.supply("Test.virtual", () -> Thread.currentThread().isVirtual());
        assertThat(virtual.await()).isTrue();
        assertThat(virtual.isDone()).isTrue();
        assertThat(virtual.state()).isEqualTo(AsyncResult.State.SUCCESS);
        assertThat(virtual.operation()).isEqualTo("Test.virtual");
    }

    @Test
    void creatingTheResultStartsTheWork() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AsyncResult<Integer> result = AsyncResult.supply("Test.start", () -> {
            started.countDown();
            return 1;
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(result.await()).isEqualTo(1);
    }

    @Test
    void runningUntilTheWorkEnds() {
        AsyncResult<String> result = blocked("x");
        assertThat(result.isDone()).isFalse();
        assertThat(result.state()).isEqualTo(AsyncResult.State.RUNNING);
        release.countDown();
        assertThat(result.await()).isEqualTo("x");
    }

    @Test
    void failureIsThrownAsAsyncExecutionExceptionNamingTheOperation() {
        AsyncResult<Object> failing = AsyncResult.supply("User.count", () -> {
            throw new IOException("disk on fire");
        });
        assertThatThrownBy(failing::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessage("Async operation 'User.count' failed: IOException: disk on fire")
                .hasCauseInstanceOf(IOException.class)
                .satisfies(e -> assertThat(((AsyncException) e).operation()).isEqualTo("User.count"));
        assertThat(failing.state()).isEqualTo(AsyncResult.State.FAILED);
    }

    @Test
    void awaitWithTimeoutCancelsAndThrows() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        AsyncResult<String> slow = AsyncResult.supply("Test.slow", () -> {
            try {
                release.await();
                return "late";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            } finally {
                ended.countDown();
            }
        });
        assertThatThrownBy(() -> slow.await(Duration.ofMillis(50)))
                .isInstanceOf(AsyncTimeoutException.class)
                .hasMessage("Async operation 'Test.slow' timed out after 50 ms");
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> ended.getCount() == 0);
        assertThat(interrupted).isTrue();
        assertThatThrownBy(slow::await).isInstanceOf(AsyncTimeoutException.class);
    }

    @Test
    void awaitWithTimeoutReturnsAValueThatCameInTime() {
        assertThat(AsyncResult.supply("Test.quick", () -> 7).await(Duration.ofSeconds(5))).isEqualTo(7);
        assertThatThrownBy(() -> AsyncResult.completed(1).await(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cancelMakesAwaitThrowWithACancellationCause() {
        AsyncResult<String> result = blocked("never");
        assertThat(result.cancel()).isTrue();
        assertThat(result.cancel()).isFalse();
        assertThat(result.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThatThrownBy(result::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessage("Async operation 'Test.blocked' was cancelled")
                .hasCauseInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> result.await(Duration.ofSeconds(1)))
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessage("Async operation 'Test.blocked' was cancelled");
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsSimpleClassName() {
        AsyncResult<String> failed = AsyncResult.failed("Test.op", new UnsupportedOperationException());
        assertThatThrownBy(failed::await).hasMessage("Async operation 'Test.op' failed: UnsupportedOperationException");
    }

    @Test
    void cancelAfterCompletionChangesNothing() {
        AsyncResult<Integer> done = AsyncResult.completed(3);
        assertThat(done.cancel()).isFalse();
        assertThat(done.state()).isEqualTo(AsyncResult.State.SUCCESS);
        assertThat(done.await()).isEqualTo(3);
    }

    @RepeatedTest(200)
    void cancelRacingCompletionSettlesExactlyOnce() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AsyncResult<Integer> result = AsyncResult.supply("Test.race", () -> {
            go.await();
            return 42;
        });
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cancelled.set(result.cancel());
        });
        go.countDown();
        canceller.join();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5))
                .until(result::isDone);
        if (cancelled.get()) {
            assertThat(result.state()).isEqualTo(AsyncResult.State.CANCELLED);
            assertThatThrownBy(result::await).hasCauseInstanceOf(CancellationException.class);
        } else {
            assertThat(result.state()).isEqualTo(AsyncResult.State.SUCCESS);
            assertThat(result.await()).isEqualTo(42);
        }
    }

    @Test
    void onErrorReturnsTheValueOrTheFallback() {
        assertThat(AsyncResult.completed("ok").onError(e -> "fallback")).isEqualTo("ok");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        String value = AsyncResult.<String>failed("User.find", new IllegalStateException("boom")).onError(e -> {
            seen.set(e);
            return "fallback";
        });
        assertThat(value).isEqualTo("fallback");
        assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        AsyncResult<String> cancelled = blocked("x");
        cancelled.cancel();
        assertThat(cancelled.onError(e -> e.getClass().getSimpleName())).isEqualTo("CancellationException");
    }

    @Test
    void mapTransformsAndPropagatesFailures() {
        assertThat(AsyncResult.completed(20).map(n -> n * 2 + 2).await()).isEqualTo(42);
        AsyncResult<Integer> failed = AsyncResult.<Integer>failed("Op", new IllegalStateException("x")).map(n -> n + 1);
        assertThatThrownBy(failed::await).hasCauseInstanceOf(IllegalStateException.class);
        AsyncResult<Integer> throwing = AsyncResult.completed(1).map(n -> {
            throw new ArithmeticException("mapper");
        });
        assertThatThrownBy(throwing::await).hasRootCauseMessage("mapper");
        assertThat(throwing.state()).isEqualTo(AsyncResult.State.FAILED);
    }

    @Test
    void mapIsNonBlockingAndCancellingItCancelsTheSource() {
        AsyncResult<String> source = blocked("a");
        AsyncResult<Integer> mapped = source.map(String::length);
        assertThat(mapped.isDone()).isFalse();
        assertThat(mapped.cancel()).isTrue();
        assertThat(source.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThat(mapped.state()).isEqualTo(AsyncResult.State.CANCELLED);
    }

    @Test
    void flatMapChainsOperations() {
        AsyncResult<String> chained = AsyncResult.completed(2)
                .flatMap(n -> AsyncResult.supply("Test.inner", () -> "x".repeat(n)));
        assertThat(chained.await()).isEqualTo("xx");
        AsyncResult<String> innerFails = AsyncResult.completed(2)
                .flatMap(n -> AsyncResult.failed("Test.inner", new IllegalArgumentException("inner")));
        assertThatThrownBy(innerFails::await).hasCauseInstanceOf(IllegalArgumentException.class);
        AsyncResult<String> outerFails = AsyncResult.<Integer>failed("Outer", new IllegalStateException("outer"))
                .flatMap(n -> AsyncResult.completed("unreached"));
        assertThatThrownBy(outerFails::await).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void flatMapCancelReachesTheInnerOperation() throws InterruptedException {
        CountDownLatch innerStarted = new CountDownLatch(1);
        AsyncResult<String> inner = AsyncResult.supply("Test.inner", () -> {
            innerStarted.countDown();
            release.await();
            return "x";
        });
        AsyncResult<String> chained = AsyncResult.completed(1).flatMap(n -> inner);
        assertThat(innerStarted.await(5, TimeUnit.SECONDS)).isTrue();
        chained.cancel();
        assertThat(inner.state()).isEqualTo(AsyncResult.State.CANCELLED);
    }

    @Test
    void recoverTurnsFailuresIntoValues() {
        assertThat(AsyncResult.<Integer>failed("Op", new IllegalStateException("x")).recover(e -> -1).await())
                .isEqualTo(-1);
        assertThat(AsyncResult.completed(5).recover(e -> -1).await()).isEqualTo(5);
        AsyncResult<Integer> timedOut = AsyncResult.supply("Test.slow", () -> {
            release.await();
            return 1;
        });
        assertThatThrownBy(() -> timedOut.await(Duration.ofMillis(10))).isInstanceOf(AsyncTimeoutException.class);
        assertThat(timedOut.recover(e -> e instanceof AsyncTimeoutException ? 0 : -1).await()).isZero();
    }

    @Test
    void toCompletableFutureCompletesWithTheOriginalErrorAndCancelsBack() throws Exception {
        assertThat(AsyncResult.completed("v").toCompletableFuture().get()).isEqualTo("v");
        CompletableFuture<Object> failed = AsyncResult.failed("Op", new IOException("io")).toCompletableFuture();
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);

        AsyncResult<String> running = blocked("x");
        running.toCompletableFuture().cancel(true);
        assertThat(running.state()).isEqualTo(AsyncResult.State.CANCELLED);
    }

    @Test
    void allKeepsOrderAndFailsWithTheFirstFailure() {
        AsyncResult<List<Integer>> all = AsyncResult.all(List.of(
                AsyncResult.supply("a", () -> 1), AsyncResult.completed(2), AsyncResult.supply("c", () -> 3)));
        assertThat(all.await()).containsExactly(1, 2, 3);
        assertThat(AsyncResult.all(List.<AsyncResult<Integer>>of()).await()).isEmpty();

        AsyncResult<List<Object>> failing = AsyncResult.all(List.of(
                AsyncResult.completed((Object) 1), AsyncResult.failed("b", new IllegalStateException("b failed"))));
        assertThatThrownBy(failing::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all(completed, b)");
    }

    @Test
    void interruptWhileWaitingRestoresTheFlagAndThrowsUnchecked() throws InterruptedException {
        AsyncResult<String> result = blocked("x");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread waiter = Thread.ofVirtual().unstarted(() -> {
            try {
                result.await();
            } catch (AsyncExecutionException e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.WAITING);
        waiter.interrupt();
        waiter.join();
        assertThat(thrown.get()).isInstanceOf(AsyncExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(flag).isTrue();
        assertThat(result.isDone()).isFalse();
        release.countDown();
        assertThat(result.await()).isEqualTo("x");
    }
}
