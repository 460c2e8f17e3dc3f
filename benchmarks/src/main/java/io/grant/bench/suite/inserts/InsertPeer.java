package io.grant.bench.suite.inserts;

import io.grant.bench.suite.BenchInsert;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.Settings;
import java.util.List;

/**
 * A peer of workload 8: empties the table, times {@link #insert} alone, then reads back what the table holds, so
 * that every peer is timed and checked the same way.
 */
abstract class InsertPeer implements Peer<List<BenchInsert>> {

    private final String name;
    private final Settings settings;

    InsertPeer(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Sample measure(List<BenchInsert> rows) throws Exception {
        InsertsWorkload.empty(settings);
        long start = System.nanoTime();
        insert(rows);
        long nanos = System.nanoTime() - start;
        return new Sample(nanos, Inserted.read(settings));
    }

    /** Inserts {@code rows}, all of them, before it returns. */
    abstract void insert(List<BenchInsert> rows) throws Exception;
}
