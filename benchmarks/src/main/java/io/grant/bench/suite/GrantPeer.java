package io.grant.bench.suite;

import io.grant.Grant;
import io.grant.metrics.AsyncMetrics;
import java.util.Locale;

/**
 * A peer that runs its work through Grant. Before each run it makes its database the default one (the
 * companions' static methods use the default), and it counts the statements and round trips the database sent
 * ({@link AsyncMetrics#statements()}, {@link AsyncMetrics#roundTrips()}), which the report shows per run: that is
 * how batching shows whether it fused, coalesced or pipelined.
 *
 * <p>It does not close its database: the workload does, since several peers may share one.
 */
public abstract class GrantPeer<I> extends TimedPeer<I> {

    protected final Grant db;
    private long runs;
    private long statements;
    private long roundTrips;

    protected GrantPeer(String name, Grant db) {
        super(name);
        this.db = db;
    }

    @Override
    protected final Object run(I input) throws Exception {
        Grant.setDefault(db);
        AsyncMetrics metrics = db.metrics();
        long statementsBefore = metrics.statements();
        long roundTripsBefore = metrics.roundTrips();
        Object output = work(input);
        runs++;
        statements += metrics.statements() - statementsBefore;
        roundTrips += metrics.roundTrips() - roundTripsBefore;
        return output;
    }

    /** Issues the work through Grant and waits for all of it. */
    protected abstract Object work(I input) throws Exception;

    @Override
    public String note() {
        if (runs == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "statements per run: %s, round trips per run: %s; %s",
                Report.count(statements / (double) runs), Report.count(roundTrips / (double) runs), db.batching());
    }
}
