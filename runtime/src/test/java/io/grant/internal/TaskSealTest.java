package io.grant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The two things a transaction needs from its task: a point of no return ({@code seal}: a cancel either comes before
 * it, and the work must not commit, or after it, and does nothing), and a stop published only once the work has ended
 * ({@code holdStop}: whoever sees a cancelled transaction finds it rolled back).
 */
class TaskSealTest {

    @Test
    void aCancelAfterTheSealDoesNothingAndTheOutcomeIsTheWorks() {
        Task<String> task = new Task<>("tx", MetricsRecorder.NONE);

        assertThat(task.seal()).isTrue();
        assertThat(task.cancel()).isFalse();
        assertThat(task.timeout(Duration.ofMillis(1))).isFalse();
        task.complete("committed");

        assertThat(task.await()).isEqualTo("committed");
    }

    @Test
    void aSealAfterACancelFailsSoTheWorkDoesNotCommit() {
        Task<String> task = new Task<>("tx", MetricsRecorder.NONE);

        assertThat(task.cancel()).isTrue();

        assertThat(task.seal()).isFalse();
        assertThat(task.state()).isEqualTo(AsyncResult.State.CANCELLED);
    }

    @Test
    void anUnsealedTaskCanBeCancelledAgain() {
        Task<String> task = new Task<>("tx", MetricsRecorder.NONE);
        assertThat(task.seal()).isTrue();

        task.unseal(); // the commit failed: the work runs again

        assertThat(task.cancel()).isTrue();
    }

    @RepeatedTest(2000)
    void aCancelRacingTheSealEitherWinsOrDoesNothing() throws Exception {
        Task<String> task = new Task<>("tx", MetricsRecorder.NONE);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(task.cancel());
        });
        go.countDown();
        boolean sealed = task.seal();
        canceller.join();

        assertThat(sealed).isNotEqualTo(cancelled.get()); // exactly one of them won
        if (sealed) {
            task.complete("committed");
            assertThat(task.await()).isEqualTo("committed");
        } else {
            task.endWork();
            assertThat(task.state()).isEqualTo(AsyncResult.State.CANCELLED);
        }
    }

    @Test
    void aHeldCancelIsPublishedOnlyOnceTheWorkHasEnded() throws Exception {
        Task<String> task = new Task<>("tx", MetricsRecorder.NONE);
        task.holdStop();
        CountDownLatch awaited = new CountDownLatch(1);

        assertThat(task.cancel()).isTrue();
        assertThat(task.isDone()).isTrue();
        Thread waiter = Thread.ofVirtual().start(() -> {
            assertThatThrownBy(task::await).isInstanceOf(AsyncExecutionException.class)
                    .hasCauseInstanceOf(CancellationException.class);
            awaited.countDown();
        });
        assertThat(awaited.await(200, TimeUnit.MILLISECONDS)).as("await returned before the work ended").isFalse();

        task.endWork(); // rolled back

        assertThat(awaited.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join();
    }

    @Test
    void aHeldTimeoutOfAwaitIsThrownOnceTheWorkHasEnded() throws Exception {
        Task<String> task = new Task<>("tx", MetricsRecorder.NONE);
        task.holdStop();
        Thread.ofVirtual().start(() -> {
            // the work sees the stop and ends (rolls back) a little later
            while (!task.isDone()) {
                Thread.onSpinWait();
            }
            task.endWork();
        });

        assertThatThrownBy(() -> task.await(Duration.ofMillis(20))).isInstanceOf(AsyncTimeoutException.class);
        assertThat(task.workEnded()).isTrue();
    }
}
