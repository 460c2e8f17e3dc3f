package io.grant.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncResult.State;
import io.grant.internal.MetricsRecorder;
import io.grant.internal.Task;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Merging and partial results over results whose outcome the test settles by hand, in any order. */
class GatherTest {

    private static final List<String> SHARDS = List.of("a", "b", "c");

    /** One hand-settled result per shard. */
    private static final class Shards<R> {
        final Map<String, Task<R>> tasks = new LinkedHashMap<>();

        Shards() {
            SHARDS.forEach(shard -> tasks.put(shard, new Task<>("T.op@" + shard, MetricsRecorder.NONE)));
        }

        Task<R> get(String shard) {
            return tasks.get(shard);
        }

        Function<String, AsyncResult<R>> start() {
            return tasks::get;
        }

        void succeed(String shard, R value) {
            tasks.get(shard).complete(value);
        }

        void fail(String shard, Throwable error) {
            tasks.get(shard).fail(error);
        }
    }

    @Test
    void mergesValuesInShardOrderWhateverOrderTheyArriveIn() {
        Shards<String> shards = new Shards<>();
        AsyncResult<List<String>> merged = Gather.across("T.op@*", SHARDS, shards.start(), values -> values);
        shards.succeed("c", "C");
        shards.succeed("a", "A");
        assertThat(merged.isDone()).isFalse();
        shards.succeed("b", "B");
        assertThat(merged.await()).containsExactly("A", "B", "C");
        assertThat(merged.operation()).isEqualTo("T.op@*");
    }

    @Test
    void aFailingShardFailsTheMergedResultNamingItAndCancelsTheOthers() {
        Shards<Long> shards = new Shards<>();
        AsyncResult<Long> merged = Gather.across("T.count@*", SHARDS, shards.start(), values -> 0L);
        shards.succeed("a", 1L);
        shards.fail("b", new SQLException("connection refused"));
        assertThatThrownBy(merged::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("T.count@*")
                .hasMessageContaining("Shard 'b' failed (T.op@b): SQLException: connection refused")
                .cause().isInstanceOf(AsyncExecutionException.class)
                .hasRootCauseInstanceOf(SQLException.class);
        assertThat(shards.get("c").state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void aShardFailingWhileTheLastShardSucceedsFailsTheMergedResultEveryTime() throws InterruptedException {
        AtomicReference<Shards<Long>> current = new AtomicReference<>();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Thread failing = Thread.ofPlatform().daemon().start(() -> { // fails b of each run, spinning in between
            for (int run = 0; ; run++) {
                while (started.get() == run) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                current.get().fail("b", new SQLException("no such table"));
                done.incrementAndGet();
            }
        });
        try {
            for (int run = 0; run < 3_000; run++) {
                Shards<Long> shards = new Shards<>();
                AsyncResult<Long> merged = Gather.across("T.count@*", SHARDS, shards.start(),
                        values -> values.stream().mapToLong(Long::longValue).sum());
                shards.succeed("a", 1L);
                current.set(shards);
                started.incrementAndGet();
                for (int spin = run % 64; spin > 0; spin--) {
                    Thread.onSpinWait(); // a different head start each run, to land in every part of b's arrival
                }
                shards.succeed("c", 3L); // the last to arrive, perhaps while b's failure is still on its way
                while (done.get() == run) {
                    Thread.onSpinWait();
                }
                assertThatThrownBy(merged::await).as("run %d", run)
                        .hasMessageContaining("Shard 'b' failed (T.op@b): SQLException: no such table");
            }
        } finally {
            failing.interrupt();
            failing.join();
        }
    }

    @Test
    void noValueSettlesTheResultBeforeEveryShardAnswered() {
        Shards<Boolean> shards = new Shards<>();
        AsyncResult<Boolean> exists = Gather.across("T.exists@*", SHARDS, shards.start(),
                values -> values.contains(true));
        shards.succeed("c", true);
        shards.succeed("a", false);
        assertThat(exists.isDone()).as("shard b has not answered").isFalse();
        shards.succeed("b", false);
        assertThat(exists.await()).isTrue();
    }

    @Test
    void aShardThatFailsAfterAnotherFoundARowStillFailsTheResult() {
        // the outcome must not depend on which shard answers first
        Shards<Optional<String>> shards = new Shards<>();
        AsyncResult<Optional<String>> first = Gather.across("T.first@*", SHARDS, shards.start(),
                values -> values.stream().flatMap(Optional::stream).findFirst());
        shards.succeed("a", Optional.of("from a"));
        shards.fail("c", new SQLException("relation \"t\" does not exist"));
        assertThatThrownBy(first::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("Shard 'c' failed");
        assertThat(shards.get("b").state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void cancellingOrTimingOutTheMergedResultCancelsEveryShard() {
        Shards<Long> shards = new Shards<>();
        AsyncResult<Long> merged = Gather.across("T.count@*", SHARDS, shards.start(), values -> 0L);
        shards.succeed("a", 1L);
        assertThat(merged.cancel()).isTrue();
        assertThat(shards.get("b").state()).isEqualTo(State.CANCELLED);
        assertThat(shards.get("c").state()).isEqualTo(State.CANCELLED);

        Shards<Long> slow = new Shards<>();
        AsyncResult<Long> timed = Gather.across("T.count@*", SHARDS, slow.start(), values -> 0L);
        assertThatThrownBy(() -> timed.await(Duration.ofMillis(20)))
                .isInstanceOf(io.grant.async.AsyncTimeoutException.class);
        SHARDS.forEach(shard -> assertThat(slow.get(shard).state()).isEqualTo(State.CANCELLED));
    }

    @Test
    void aMergeThatThrowsFailsTheResult() {
        Shards<Long> shards = new Shards<>();
        AsyncResult<Long> merged = Gather.across("T.sum@*", SHARDS, shards.start(),
                values -> Math.addExact(values.get(0), Math.addExact(values.get(1), values.get(2))));
        shards.succeed("a", Long.MAX_VALUE);
        shards.succeed("b", 1L);
        shards.succeed("c", 1L);
        assertThatThrownBy(merged::await).hasCauseInstanceOf(ArithmeticException.class);
    }

    @Test
    void aShardThatCannotStartFailsTheResultNamingIt() {
        Shards<Long> shards = new Shards<>();
        AsyncResult<Long> merged = Gather.across("T.count@*", SHARDS, shard -> {
            if (shard.equals("b")) {
                throw new IllegalStateException("database 'b' is closed");
            }
            return shards.get(shard);
        }, values -> 0L);
        assertThatThrownBy(merged::await)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("Shard 'b' failed (T.count@b): IllegalStateException: database 'b' is closed")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(shards.get("a").state()).isEqualTo(State.CANCELLED);
        assertThat(shards.get("c").state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void badInputIsThrownAtOnceAndWhatStartedIsCancelled() {
        Shards<Long> shards = new Shards<>();
        assertThatThrownBy(() -> Gather.across("T.find@*", SHARDS, shard -> {
            if (shard.equals("c")) {
                throw new IllegalArgumentException("T id is a Long, not a String (x)");
            }
            return shards.get(shard);
        }, values -> 0L)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a String");
        assertThat(shards.get("a").state()).isEqualTo(State.CANCELLED);
        assertThat(shards.get("b").state()).isEqualTo(State.CANCELLED);
    }

    @Test
    void shardedResultsNameEveryFailedShardAndKeepTheAnswers() {
        Shards<Long> shards = new Shards<>();
        ShardedResults<Long> results = new ShardedResults<>(new LinkedHashMap<>(shards.tasks));
        shards.succeed("a", 1L);
        shards.fail("b", new SQLException("connection refused"));
        shards.fail("c", new IllegalStateException("boom"));
        assertThatThrownBy(results::awaitAll)
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessage("2 of 3 shards failed: 'b' (T.op@b: SQLException: connection refused), "
                        + "'c' (T.op@c: IllegalStateException: boom)")
                .satisfies(e -> assertThat(((AsyncExecutionException) e).operation()).isEqualTo("T.op@*"))
                .hasCauseInstanceOf(SQLException.class);
        assertThat(results.successes()).containsExactly(Map.entry("a", 1L));
        assertThat(results.failures()).containsOnlyKeys("b", "c");
        assertThat(results.get("a").await()).isEqualTo(1L);
        assertThatThrownBy(() -> results.get("z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No result for shard 'z'; these results are for [a, b, c]");
    }

    @Test
    void shardedResultsWithinATimeoutTimeOutTheSlowShardsOnly() {
        Shards<Long> shards = new Shards<>();
        ShardedResults<Long> results = new ShardedResults<>(new LinkedHashMap<>(shards.tasks));
        shards.succeed("a", 1L);
        shards.succeed("c", 3L);
        results.waitAll(Duration.ofMillis(50));
        assertThat(results.successes()).containsExactly(Map.entry("a", 1L), Map.entry("c", 3L));
        assertThat(results.failures().get("b")).isInstanceOf(io.grant.async.AsyncTimeoutException.class);
        assertThat(shards.get("b").state()).isEqualTo(State.CANCELLED);
        assertThatThrownBy(() -> results.awaitAll(Duration.ofMillis(1)))
                .hasMessageStartingWith("1 of 3 shards failed: 'b' (T.op@b: AsyncTimeoutException");
    }
}
