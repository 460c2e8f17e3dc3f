package io.grant.bench.suite.aggregates;

import io.grant.bench.suite.TimedPeer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The five aggregates as five statements, one after the other on one connection (plain JDBC): what the naive
 * code costs, five scans of the table in a row. Shown for context; no target.
 */
final class FiveStatements extends TimedPeer<Integer> {

    private final DataSource pool;

    FiveStatements(DataSource pool) {
        super("five statements in a row");
        this.pool = pool;
    }

    @Override
    protected Object run(Integer round) throws Exception {
        try (Connection connection = pool.getConnection()) {
            return new Aggregates(one(connection, "count(*)").longValueExact(), one(connection, "sum(amount)"),
                    one(connection, "avg(amount)"), one(connection, "min(amount)"), one(connection, "max(amount)"));
        }
    }

    private static BigDecimal one(Connection connection, String aggregate) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + aggregate + " from bench_entries");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBigDecimal(1);
        }
    }
}
