package io.grant.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class AsyncCoordinatorTest {

    @Test
    void waitAllWaitsForEveryResultAndNeverThrowsForFailures() {
        AsyncCoordinator coordinator = new AsyncCoordinator();
        AsyncResult<Integer> ok = coordinator.add(AsyncResult.supply("ok", () -> 1));
        AsyncResult<Integer> bad = coordinator.add(AsyncResult.supply("bad", () -> {
            throw new IllegalStateException("bad");
        }));
        coordinator.waitAll();
        assertThat(ok.isDone()).isTrue();
        assertThat(bad.isDone()).isTrue();
        assertThat(coordinator.size()).isEqualTo(2);
        assertThat(coordinator.failed()).containsExactly(bad);
    }

    @Test
    void waitAllWithTimeoutThrowsAndCancelsNothing() {
        CountDownLatch release = new CountDownLatch(1);
        AsyncCoordinator coordinator = new AsyncCoordinator();
        AsyncResult<Integer> slow = coordinator.add(AsyncResult.supply("slow", () -> {
            release.await();
            return 1;
        }));
        assertThatThrownBy(() -> coordinator.waitAll(Duration.ofMillis(50)))
                .isInstanceOf(AsyncTimeoutException.class)
                .hasMessageContaining("1 of 1 still running");
        assertThat(slow.state()).isEqualTo(AsyncResult.State.RUNNING);
        release.countDown();
        coordinator.waitAll(Duration.ofSeconds(5));
        assertThat(coordinator.failed()).isEmpty();
    }

    @Test
    void emptyCoordinatorReturnsAtOnce() {
        AsyncCoordinator coordinator = new AsyncCoordinator();
        coordinator.waitAll();
        coordinator.waitAll(Duration.ZERO);
        assertThat(coordinator.size()).isZero();
    }

    @RepeatedTest(50)
    void resultsAddedFromManyThreadsAreAllAwaited() throws InterruptedException {
        AsyncCoordinator coordinator = new AsyncCoordinator();
        Thread[] adders = new Thread[8];
        for (int t = 0; t < adders.length; t++) {
            int base = t * 100;
            adders[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) {
                    int n = base + i;
                    coordinator.add(AsyncResult.supply("n" + n, () -> n));
                }
            });
        }
        for (Thread adder : adders) {
            adder.join();
        }
        coordinator.waitAll();
        assertThat(coordinator.size()).isEqualTo(800);
        assertThat(coordinator.failed()).isEmpty();
    }
}
