package io.grant.bench.suite.aggregates;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The five aggregates of {@code bench_entries.amount}, as every peer returns them. */
record Aggregates(long count, BigDecimal sum, BigDecimal avg, BigDecimal min, BigDecimal max) {

    /** The five columns of {@code rows}' current row, in this order. */
    static Aggregates of(ResultSet rows) throws SQLException {
        return new Aggregates(rows.getLong(1), rows.getBigDecimal(2), rows.getBigDecimal(3), rows.getBigDecimal(4),
                rows.getBigDecimal(5));
    }

    /** Equal numbers, whatever their scale (an average may come back with more digits one way than another). */
    boolean sameAs(Aggregates other) {
        return count == other.count && sum.compareTo(other.sum) == 0 && min.compareTo(other.min) == 0
                && max.compareTo(other.max) == 0 && avg.subtract(other.avg).abs().compareTo(new BigDecimal("1e-9")) < 0;
    }
}
