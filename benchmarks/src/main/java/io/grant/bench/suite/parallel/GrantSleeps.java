package io.grant.bench.suite.parallel;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.bench.suite.GrantPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code count} independent 100 ms queries ({@code select pg_sleep(0.1)} through {@code db.async}) started
 * together, then all awaited. With 8 connections, 8 of them should take about as long as one.
 */
final class GrantSleeps extends GrantPeer<Integer> {

    static final String SLEEP = "select pg_sleep(0.1)";

    private final int count;

    GrantSleeps(String name, Grant db, int count) {
        super(name, db);
        this.count = count;
    }

    @Override
    protected Object work(Integer round) {
        List<AsyncResult<?>> sleeps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sleeps.add(db.async("bench.sleep", dsl -> dsl.fetch(SLEEP)));
        }
        for (AsyncResult<?> sleep : sleeps) {
            sleep.await();
        }
        return sleeps.size();
    }
}
