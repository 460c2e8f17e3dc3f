package io.grant.bench.suite.inserts;

import io.grant.Grant;
import io.grant.bench.suite.BenchInsert;
import io.grant.bench.suite.BenchInsertAsync;
import io.grant.bench.suite.Settings;
import java.util.List;

/**
 * Grant: {@code BenchInsertAsync.insertAll(rows).await()} on its database, timed from the call to the return. The
 * table is emptied before and read back after, untimed.
 */
final class GrantInsertAll extends InsertPeer {

    private final Grant db;

    GrantInsertAll(String name, Grant db, Settings settings) {
        super(name, settings);
        this.db = db;
    }

    @Override
    void insert(List<BenchInsert> rows) {
        Grant.setDefault(db);
        long inserted = BenchInsertAsync.insertAll(rows).await();
        if (inserted != rows.size()) {
            throw new IllegalStateException("insertAll said " + inserted + " rows, not " + rows.size());
        }
    }

    @Override
    public String note() {
        return "statements sent so far: " + db.metrics().statements();
    }
}
