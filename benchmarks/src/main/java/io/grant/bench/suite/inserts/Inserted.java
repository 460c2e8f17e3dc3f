package io.grant.bench.suite.inserts;

import io.grant.bench.suite.BenchInsert;
import io.grant.bench.suite.Settings;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a run left in {@code bench_inserts}, read back after it: how many rows, and the sums of two columns, so that
 * a peer that dropped or mangled rows fails the check.
 */
record Inserted(long rows, long ages, BigDecimal balances) {

    /** What inserting {@code rows} must leave. */
    static Inserted of(List<BenchInsert> rows) {
        long ages = 0;
        BigDecimal balances = BigDecimal.ZERO;
        for (BenchInsert row : rows) {
            ages += row.age();
            balances = balances.add(row.balance());
        }
        return new Inserted(rows.size(), ages, balances.stripTrailingZeros());
    }

    /** What the table holds now. */
    static Inserted read(Settings settings) throws SQLException {
        try (Connection connection = settings.connect();
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("select count(*), coalesce(sum(age), 0), coalesce(sum(balance), 0)"
                        + " from " + InsertsWorkload.TABLE)) {
            row.next();
            return new Inserted(row.getLong(1), row.getLong(2), row.getBigDecimal(3).stripTrailingZeros());
        }
    }
}
