package io.grant.bench.suite.inserts;

import io.grant.Grant;
import io.grant.bench.suite.BenchInsert;
import io.grant.bench.suite.BenchInsertAsync;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.Settings;
import java.util.List;

/**
 * Grant: {@code BenchInsertAsync.insertAll(rows).await()} on its database, timed from the call to the return. The
 * table is emptied before and read back after, untimed.
 */
final class GrantInsertAll implements Peer<List<BenchInsert>> {

    private final String name;
    private final Grant db;
    private final Settings settings;

    GrantInsertAll(String name, Grant db, Settings settings) {
        this.name = name;
        this.db = db;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sample measure(List<BenchInsert> rows) throws Exception {
        InsertsWorkload.empty(settings);
        Grant.setDefault(db);
        long start = System.nanoTime();
        long inserted = BenchInsertAsync.insertAll(rows).await();
        long nanos = System.nanoTime() - start;
        if (inserted != rows.size()) {
            throw new IllegalStateException("insertAll said " + inserted + " rows, not " + rows.size());
        }
        return new Sample(nanos, Inserted.read(settings));
    }

    @Override
    public String note() {
        return "statements sent so far: " + db.metrics().statements();
    }
}
