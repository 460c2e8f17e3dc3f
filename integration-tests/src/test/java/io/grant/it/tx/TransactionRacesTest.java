package io.grant.it.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.grant.Grant;
import io.grant.TransactionOptions;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.it.model.Purse;
import io.grant.it.model.PurseAsync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A transaction's result tells the truth however a cancel or a timeout races with its work and its commit, repeated
 * thousands of times: a transaction whose result succeeded left all of its rows, one whose result failed or was
 * cancelled left none, and every connection is back in the pool. {@code -Dgrant.races.scale=N} runs N times as many
 * transactions, to hunt a rare race (a cancel landing on pgjdbc's lazy {@code BEGIN} showed about once in 20,000).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TransactionRacesTest {

    @RegisterExtension
    static final PurseTables TABLES = new PurseTables(4);

    /** One transaction of the test: the rows it inserts are {@code id} and {@code id + 1}. */
    private record Run(long id, AsyncResult<Long> result, List<AsyncResult<Purse>> inserts) {}

    @ParameterizedTest(name = "{0}, {1} transactions")
    @CsvSource({"H2, 5000", "POSTGRES, 3000", "MARIADB, 3000"})
    void aCancelOrTimeoutAtAnyMomentLeavesAllOrNothingAndTheResultSaysWhich(TestDatabase database, int runs) {
        Grant db = TABLES.empty(database);
        int transactions = runs * Integer.getInteger("grant.races.scale", 1);
        SplittableRandom random = new SplittableRandom(7);
        List<Run> batch = new ArrayList<>();

        for (int i = 0; i < transactions; i++) {
            long id = i * 2L;
            TransactionOptions options = random.nextInt(3) == 0
                    ? TransactionOptions.defaults().timeout(Duration.ofNanos(random.nextLong(1, 3_000_000)))
                    : TransactionOptions.defaults();
            List<AsyncResult<Purse>> inserts = new CopyOnWriteArrayList<>();
            AsyncResult<Long> result = db.transaction(options, tx -> {
                AsyncResult<Purse> first = PurseAsync.insert(new Purse(id, "first", 1));
                inserts.add(first);
                first.await();
                inserts.add(PurseAsync.insert(new Purse(id + 1, "second", 1))); // not awaited: runs before the commit
                return id;
            });
            batch.add(new Run(id, result, inserts));
            if (random.nextInt(3) == 0) {
                long spin = random.nextLong(0, 2_000_000);
                long until = System.nanoTime() + spin;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                result.cancel();
            }
            if (batch.size() == 50 || i == transactions - 1) {
                check(db, batch);
                batch.clear();
            }
        }
    }

    /**
     * Every result settled; the rows of exactly the successful ones exist, both of them; then none do. An operation
     * inside a transaction that was cancelled or timed out is settled by then, and never FAILED: it was stopped with
     * its transaction (a FAILED one would also be reported as a failure nobody awaited).
     */
    private static void check(Grant db, List<Run> batch) {
        Set<Long> committed = new HashSet<>();
        for (Run run : batch) {
            AsyncResult<Long> result = run.result();
            Long id = result.onError(e -> null);
            if (result.state() == AsyncResult.State.CANCELLED) {
                for (AsyncResult<Purse> insert : run.inserts()) {
                    assertThat(insert.isDone()).as("an insert of a stopped transaction has an outcome").isTrue();
                    assertThat(insert.state()).as("an insert stopped with its transaction")
                            .isIn(AsyncResult.State.CANCELLED, AsyncResult.State.SUCCESS);
                }
            }
            if (id != null) {
                assertThat(result.state()).isEqualTo(AsyncResult.State.SUCCESS);
                committed.add(id);
                committed.add(id + 1);
            } else {
                assertThat(result.state()).isIn(AsyncResult.State.CANCELLED, AsyncResult.State.FAILED);
            }
        }
        Set<Long> stored = new HashSet<>(PurseAsync.ids().await());
        assertThat(stored).as(() -> disagreeing(db, batch, stored)).isEqualTo(committed);
        db.dsl().execute("delete from tx_purses");
    }

    /** For a failure's message: the database, and each transaction whose rows are not what its result says. */
    private static String disagreeing(Grant db, List<Run> batch, Set<Long> stored) {
        StringBuilder text = new StringBuilder("transactions on " + db.name() + " whose rows disagree with their result:");
        for (Run run : batch) {
            boolean success = run.result().state() == AsyncResult.State.SUCCESS;
            boolean first = stored.contains(run.id());
            boolean second = stored.contains(run.id() + 1);
            if (first != success || second != success) {
                text.append("\n  ").append(run.id()).append(first ? " stored" : " absent").append(", ")
                        .append(run.id() + 1).append(second ? " stored" : " absent").append("; result ")
                        .append(outcome(run.result())).append("; inserts:");
                run.inserts().forEach(insert -> text.append(' ').append(outcome(insert)));
            }
        }
        return text.toString();
    }

    /** A settled result's state and value or error. */
    private static String outcome(AsyncResult<?> result) {
        try {
            return result.state() + " " + result.await();
        } catch (RuntimeException e) {
            return result.state() + " " + e;
        }
    }
}
