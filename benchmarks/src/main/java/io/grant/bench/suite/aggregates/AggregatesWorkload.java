package io.grant.bench.suite.aggregates;

import com.zaxxer.hikari.HikariDataSource;
import io.grant.Batching;
import io.grant.Grant;
import io.grant.bench.suite.Check.Target;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Schema;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.WorkloadResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Workload 2: count, sum, avg, min and max of {@code bench_entries.amount} over {@value Schema#ENTRIES} rows,
 * issued together. Target: Grant within 1.15x of the same five written by hand as one statement. Every peer has a
 * pool of 8; every answer is checked against one computed beforehand.
 */
public final class AggregatesWorkload extends RoundsWorkload<Integer> {

    static final int POOL = 8;
    static final String GRANT = "Grant, AsyncScope";
    static final String GRANT_OFF = "Grant, AsyncScope, Batching.off()";

    private Aggregates expected;

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "5 aggregates over 1,000,000 rows issued together";
    }

    @Override
    protected String unit() {
        return "ms per set of 5 aggregates";
    }

    @Override
    protected double inUnit(Peer.Sample sample) {
        return sample.nanos() / 1e6;
    }

    @Override
    protected List<Opener<Integer>> peers(Options options, Settings settings) throws SQLException {
        Grant batching = shared(settings.grant("bench-aggregates", POOL, Batching.defaults()));
        Grant off = shared(settings.grant("bench-aggregates-off", POOL, Batching.off()));
        HikariDataSource pool = shared(settings.hikari("aggregates", POOL));
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(OneStatement.SQL);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            expected = Aggregates.of(rows);
        }
        return List.of(
                new Opener<>(GRANT, () -> new GrantScope(GRANT, batching)),
                new Opener<>(GRANT_OFF, () -> new GrantScope(GRANT_OFF, off)),
                new Opener<>("one statement, by hand", () -> new OneStatement(pool)),
                new Opener<>("five statements in a row", () -> new FiveStatements(pool)));
    }

    @Override
    protected Integer input(int round) {
        return round;
    }

    @Override
    protected void check(Peer<Integer> peer, Integer round, Object output) {
        if (!(output instanceof Aggregates aggregates) || !aggregates.sameAs(expected)) {
            throw new IllegalStateException(peer.name() + " returned " + output + ", expected " + expected);
        }
    }

    @Override
    protected void describe(WorkloadResult result) {
        result.note("`" + GRANT + "`: `BenchEntryAsync.count()`, `sum(AMOUNT)`, `avg(AMOUNT)`, `min(AMOUNT)`,"
                + " `max(AMOUNT)` created back to back inside one `AsyncScope`, then `scope.join()`. `amount` has no"
                + " index, so each aggregate alone reads the whole table.");
        result.note("`one statement, by hand`: `" + OneStatement.SQL + "` (plain JDBC). `five statements in a row`:"
                + " the five as separate statements on one connection.");
    }

    @Override
    protected void addChecks(WorkloadResult result) {
        result.ratio("Grant (5 in one AsyncScope) vs one statement by hand", GRANT, "one statement, by hand",
                Target.atMost(1.15));
        result.ratio("Grant with Batching.off() vs one statement by hand", GRANT_OFF, "one statement, by hand",
                Target.none());
        result.ratio("five statements in a row vs one statement by hand", "five statements in a row",
                "one statement, by hand", Target.none());
    }
}
