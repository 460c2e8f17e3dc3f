package io.grant.bench.suite.pending;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.BenchUserAsync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grant with every connection of its pool of 4 busy: {@code BenchUserAsync.find(id)} 100,000 times, the results
 * kept in an array made beforehand. What stays on the heap per pending lookup is whatever Grant keeps for it (its
 * result, task, virtual thread and stack, place in the permit queue).
 */
final class GrantPending implements PendingPeer {

    private final Grant db;
    private final List<AsyncResult<?>> holders = new ArrayList<>();
    private AsyncResult<?>[] lookups;

    GrantPending(Grant db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "Grant";
    }

    @Override
    public void occupy() {
        Grant.setDefault(db);
        holders.clear();
        for (int i = 0; i < db.poolSize(); i++) {
            holders.add(db.async("bench.hold", dsl -> dsl.fetch(Gate.HOLD)));
        }
    }

    @Override
    public void prepare(int count) {
        lookups = new AsyncResult<?>[count];
    }

    @Override
    public void start(long[] ids) {
        for (int i = 0; i < ids.length; i++) {
            lookups[i] = BenchUserAsync.find(ids[i]);
        }
    }

    @Override
    public int pending() {
        return db.waitingOperations();
    }

    @Override
    public int finish(long[] ids, Duration limit) {
        for (AsyncResult<?> holder : holders) {
            holder.await(limit);
        }
        int completed = 0;
        for (int i = 0; i < ids.length; i++) {
            Optional<?> row = (Optional<?>) lookups[i].await(limit);
            if (row.isPresent() && ((BenchUser) row.get()).id() == ids[i]) {
                completed++;
            }
        }
        lookups = null;
        return completed;
    }

    @Override
    public void close() {
        db.close();
    }
}
