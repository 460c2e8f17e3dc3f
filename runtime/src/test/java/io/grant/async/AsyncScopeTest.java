package io.grant.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class AsyncScopeTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @Test
    void joinWaitsForEveryOwnedResult() {
        AsyncResult<Integer> a;
        AsyncResult<Integer> b;
        try (AsyncScope scope = AsyncScope.open()) {
            a = AsyncResult.supply("a", () -> 1);
            b = scope.fork("b", () -> 2);
            scope.join();
            assertThat(a.isDone()).isTrue();
            assertThat(b.isDone()).isTrue();
        }
        assertThat(a.await() + b.await()).isEqualTo(3);
    }

    @RepeatedTest(50)
    void theFirstFailureCancelsTheRestAndIsThrownWithItsOperation() {
        AsyncResult<Integer> slow;
        try (AsyncScope scope = AsyncScope.open()) {
            slow = scope.fork("Order.slow", () -> {
                never.await();
                return 1;
            });
            scope.fork("User.count", () -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(scope::join)
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(((AsyncExecutionException) e).operation()).isEqualTo("User.count"));
            assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        }
    }

    @Test
    void deadlineCancelsEverythingAndJoinThrowsTimeout() {
        AsyncResult<Integer> slow;
        long start = System.nanoTime();
        try (AsyncScope scope = AsyncScope.open(Duration.ofMillis(100))) {
            slow = scope.fork("slow", () -> {
                never.await();
                return 1;
            });
            assertThatThrownBy(scope::join)
                    .isInstanceOf(AsyncTimeoutException.class)
                    .satisfies(e -> assertThat(((AsyncTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(100)));
        }
        assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void deadlineStartsAtOpenNotAtJoin() {
        try (AsyncScope scope = AsyncScope.open(Duration.ofMillis(50))) {
            AsyncResult<Integer> slow = scope.fork("slow", () -> {
                never.await();
                return 1;
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(slow::isDone);
            assertThat(slow.state()).isEqualTo(AsyncResult.State.CANCELLED);
            assertThatThrownBy(scope::join).isInstanceOf(AsyncTimeoutException.class);
        }
    }

    @Test
    void closeCancelsUnfinishedWorkAndWaitsUntilItHasEnded() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean cleanedUp = new AtomicBoolean();
        try (AsyncScope scope = AsyncScope.open()) {
            scope.fork("stubborn", () -> {
                started.countDown();
                try {
                    never.await();
                } finally {
                    // work that takes a moment to stop: close() must wait for it
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    cleanedUp.set(true);
                }
                return 1;
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(cleanedUp).isTrue();
    }

    @Test
    void anInterruptedCloseStillWaitsForTheWorkThenThrowsAndRestoresTheFlag() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        AtomicBoolean workEnded = new AtomicBoolean();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfterClose = new AtomicBoolean();
        AtomicBoolean endedBeforeCloseReturned = new AtomicBoolean();
        Thread owner = Thread.ofPlatform().start(() -> {
            AsyncScope scope = AsyncScope.open();
            scope.fork("deaf", () -> {
                started.countDown();
                while (true) { // ignores interrupts: only the latch ends it
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // keep waiting
                    }
                }
                workEnded.set(true);
                return 1;
            });
            try {
                started.await(); // so that close() cancels running work, not work that never starts
                closing.countDown();
                scope.close();
            } catch (Throwable e) {
                thrown.set(e);
            }
            endedBeforeCloseReturned.set(workEnded.get());
            flagAfterClose.set(Thread.currentThread().isInterrupted());
        });
        assertThat(closing.await(5, TimeUnit.SECONDS)).isTrue();
        // interrupted on its way into close() or inside it: either way an interrupt while close() waits
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> owner.getState() == Thread.State.WAITING);
        owner.interrupt();
        org.awaitility.Awaitility.await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
                .until(owner::isAlive); // still waiting for the work, interrupt or not
        release.countDown();
        owner.join(5_000);
        assertThat(endedBeforeCloseReturned).isTrue();
        assertThat(flagAfterClose).isTrue();
        assertThat(thrown.get())
                .isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class)
                .hasMessageContaining("interrupted");
    }

    @Test
    void theDeadlineExceptionNamesWhatWasUnfinished() {
        try (AsyncScope scope = AsyncScope.open(Duration.ofMillis(100))) {
            scope.fork("User.quick", () -> 1);
            scope.fork("Order.slow", () -> {
                never.await();
                return 1;
            });
            assertThatThrownBy(scope::join)
                    .isInstanceOf(AsyncTimeoutException.class)
                    .hasMessage("AsyncScope deadline of 100 ms passed with 1 of 2 results unfinished (now cancelled): "
                            + "Order.slow");
        }
    }

    @Test
    void onlyTheOwnerThreadMayForkJoinOrClose() throws InterruptedException {
        try (AsyncScope scope = AsyncScope.open()) {
            AtomicReference<Throwable> fork = new AtomicReference<>();
            AtomicReference<Throwable> join = new AtomicReference<>();
            AtomicReference<Throwable> close = new AtomicReference<>();
            Thread other = Thread.ofVirtual().start(() -> {
                fork.set(catching(() -> scope.fork("x", () -> 1)));
                join.set(catching(scope::join));
                close.set(catching(scope::close));
            });
            other.join();
            assertThat(fork.get()).isInstanceOf(WrongThreadException.class).hasMessageContaining("AsyncScope.fork()");
            assertThat(join.get()).isInstanceOf(WrongThreadException.class);
            assertThat(close.get()).isInstanceOf(WrongThreadException.class);
            scope.join();
        }
    }

    @Test
    void resultsCreatedOnOtherThreadsAreNotOwned() throws InterruptedException {
        AtomicReference<AsyncResult<Integer>> foreign = new AtomicReference<>();
        CountDownLatch release = new CountDownLatch(1);
        try (AsyncScope scope = AsyncScope.open()) {
            Thread other = Thread.ofVirtual().start(() -> foreign.set(AsyncResult.supply("foreign", () -> {
                release.await();
                return 1;
            })));
            other.join();
            scope.join();
        }
        assertThat(foreign.get().state()).isEqualTo(AsyncResult.State.RUNNING);
        release.countDown();
        assertThat(foreign.get().await()).isEqualTo(1);
    }

    @Test
    void nestedScopesOwnWhatIsCreatedInsideThem() {
        AsyncResult<Integer> outerWork;
        AsyncResult<Integer> innerWork;
        try (AsyncScope outer = AsyncScope.open()) {
            outerWork = outer.fork("outer", () -> {
                never.await();
                return 1;
            });
            try (AsyncScope inner = AsyncScope.open()) {
                innerWork = AsyncResult.supply("inner", () -> 2);
                inner.join();
                assertThatThrownBy(() -> outer.fork("late", () -> 3))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("inner one is open");
            }
            assertThat(innerWork.await()).isEqualTo(2);
            assertThat(outerWork.state()).isEqualTo(AsyncResult.State.RUNNING);
        }
        assertThat(outerWork.state()).isEqualTo(AsyncResult.State.CANCELLED);
    }

    @Test
    void joinTwiceOrForkAfterJoinIsAnError() {
        try (AsyncScope scope = AsyncScope.open()) {
            scope.join();
            assertThatThrownBy(scope::join).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> scope.fork("late", () -> 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void resultsAfterTheScopeClosedAreNotOwned() {
        try (AsyncScope scope = AsyncScope.open()) {
            scope.join();
        }
        assertThat(AsyncResult.supply("after", () -> 5).await()).isEqualTo(5);
    }

    @Test
    void badDeadlineIsRejected() {
        assertThatThrownBy(() -> AsyncScope.open(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be positive, was PT0S");
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
