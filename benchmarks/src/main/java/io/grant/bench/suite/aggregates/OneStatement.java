package io.grant.bench.suite.aggregates;

import io.grant.bench.suite.TimedPeer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * The baseline of target 2: the five aggregates written by hand as ONE statement ({@value #SQL}), plain JDBC on a
 * pooled connection. One scan of the table computes all five; no library can do less work.
 */
final class OneStatement extends TimedPeer<Integer> {

    static final String SQL = "select count(*), sum(amount), avg(amount), min(amount), max(amount) from bench_entries";

    private final DataSource pool;

    OneStatement(DataSource pool) {
        super("one statement, by hand");
        this.pool = pool;
    }

    @Override
    protected Object run(Integer round) throws Exception {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(SQL);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return Aggregates.of(rows);
        }
    }
}
