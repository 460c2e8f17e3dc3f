package io.grant.bench.suite.inserts;

import io.grant.bench.suite.BenchInsert;
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
final class JdbcBatch extends InsertPeer {

    static final int BATCH = 1_000;
    static final String SQL = "insert into " + InsertsWorkload.TABLE
            + " (name, email, age, balance, active) values (?, ?, ?, ?, ?)";

    private final DataSource pool;

    JdbcBatch(String name, DataSource pool, Settings settings) {
        super(name, settings);
        this.pool = pool;
    }

    @Override
    void insert(List<BenchInsert> rows) throws Exception {
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
    }
}
