package io.grant.bench.suite.inserts;

import io.grant.bench.suite.BenchInsert;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baseline: the rows by hand through one JDBC {@code PreparedStatement}, {@code addBatch()} per row,
 * {@code executeBatch()} every {@value #BATCH} rows, in one transaction. With {@code reWriteBatchedInserts=true} on
 * the pool, pgjdbc sends each batch as multi-row inserts. The table is emptied before and read back after, untimed.
 */
final class JdbcBatch implements Peer<List<BenchInsert>> {

    static final int BATCH = 1_000;
    static final String SQL = "insert into " + InsertsWorkload.TABLE
            + " (name, email, age, balance, active) values (?, ?, ?, ?, ?)";

    private final String name;
    private final DataSource pool;
    private final Settings settings;

    JdbcBatch(String name, DataSource pool, Settings settings) {
        this.name = name;
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Sample measure(List<BenchInsert> rows) throws Exception {
        InsertsWorkload.empty(settings);
        long start = System.nanoTime();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(SQL)) {
                int pending = 0;
                for (BenchInsert row : rows) {
                    insert.setString(1, row.name());
                    insert.setString(2, row.email());
                    insert.setInt(3, row.age());
                    insert.setBigDecimal(4, row.balance());
                    insert.setBoolean(5, row.active());
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        long nanos = System.nanoTime() - start;
        return new Sample(nanos, Inserted.read(settings));
    }
}
