package io.grant.bench.suite.smallqueries;

import com.zaxxer.hikari.HikariDataSource;
import io.grant.Batching;
import io.grant.Grant;
import io.grant.bench.suite.Check.Target;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.WorkloadResult;
import java.util.List;

/**
 * Workload 3: ten small queries of different shapes on {@code bench_users}, issued together (count with a filter,
 * find, findBy, exists, max, pick, first, a pluck with a limit, a sum over an id range, a select of five ids), each
 * reading at most 50 rows through an index, so that the round trip, not the server's work, is what they cost.
 * Target: Grant at least 2.5x as fast as the same ten as round trips in a row on one connection. Each run is
 * {@code batches} sets of ten (new parameters for each), so that a sample is long enough to time well; the unit is
 * the time of one set. Every peer's answers are compared with the first peer's of the same round.
 */
public final class SmallQueriesWorkload extends RoundsWorkload<Batch[]> {

    static final int POOL = 8;
    static final String GRANT = "Grant, 10 issued together";
    static final String GRANT_OFF = "Grant, 10 issued together, Batching.off()";
    static final String SEQUENTIAL = "10 in a row on one connection";

    private int batches;
    private Batch[] referenceInput;
    private Object reference;
    private String referencePeer;

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "10 different small queries issued together";
    }

    @Override
    protected String unit() {
        return "ms per set of 10 queries";
    }

    @Override
    protected double inUnit(Peer.Sample sample) {
        return sample.nanos() / 1e6 / batches;
    }

    @Override
    protected List<Opener<Batch[]>> peers(Options options, Settings settings) {
        batches = options.quick() ? 50 : 200;
        Grant batching = shared(settings.grant("bench-small", POOL, Batching.defaults()));
        Grant off = shared(settings.grant("bench-small-off", POOL, Batching.off()));
        HikariDataSource pool = shared(settings.hikari("small", POOL));
        return List.of(
                new Opener<>(GRANT, () -> new GrantTogether(GRANT, batching)),
                new Opener<>(GRANT_OFF, () -> new GrantTogether(GRANT_OFF, off)),
                new Opener<>(SEQUENTIAL, () -> new JdbcSequential(pool)));
    }

    @Override
    protected Batch[] input(int round) {
        return Batch.draw(batches, 3_000 + round);
    }

    @Override
    protected void check(Peer<Batch[]> peer, Batch[] input, Object output) {
        List<?> sets = (List<?>) output;
        if (sets.size() != input.length || ((List<?>) sets.get(0)).size() != Batch.QUERIES) {
            throw new IllegalStateException(peer.name() + " returned " + sets.size() + " sets for " + input.length);
        }
        if (input != referenceInput) {
            referenceInput = input;
            reference = output;
            referencePeer = peer.name();
            return;
        }
        for (int i = 0; i < input.length; i++) {
            if (!Batch.same(sets.get(i), ((List<?>) reference).get(i))) {
                throw new IllegalStateException(peer.name() + " answered " + sets.get(i) + " for " + input[i] + " where "
                        + referencePeer + " answered " + ((List<?>) reference).get(i));
            }
        }
    }

    @Override
    protected void describe(WorkloadResult result) {
        result.note("Each run: " + batches + " sets of 10 with new parameters (the same for every peer in a round); the"
                + " time shown is per set. `" + GRANT + "`: the 10 created back to back through `BenchUserAsync`, then"
                + " all awaited, then the next set. `" + SEQUENTIAL + "`: the same 10 in SQL, plain JDBC, one after"
                + " the other.");
    }

    @Override
    protected void addChecks(WorkloadResult result) {
        result.ratio("Grant (10 issued together) vs 10 in a row on one connection", SEQUENTIAL, GRANT,
                Target.atLeast(2.5));
        result.ratio("Grant with Batching.off() vs 10 in a row on one connection", SEQUENTIAL, GRANT_OFF,
                Target.none());
    }
}
