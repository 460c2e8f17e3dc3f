package io.grant.bench.suite.lookups;

import com.zaxxer.hikari.HikariDataSource;
import io.grant.Batching;
import io.grant.Grant;
import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Check.Target;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Schema;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.WorkloadResult;
import java.util.List;

/**
 * Workload 1: {@value #LOOKUPS} primary-key lookups of random ids in {@code bench_users} ({@value Schema#USERS}
 * rows), issued at once, every peer on 8 connections. Target: Grant at least as fast as a fixed pool of 8
 * platform threads and as Vert.x's pipelined client (aim: twice as fast), whether one thread issues the lookups
 * or 20,000 callers do; with {@code Batching.off()}, at least 0.9x as fast as raw virtual threads + HikariCP.
 * {@code pgbench} shows the server's ceiling.
 *
 * <p>Each round draws new ids (the same for every peer in it) and checks that every peer returned, in order, the
 * user of each id.
 */
public final class LookupsWorkload extends RoundsWorkload<long[]> {

    static final int LOOKUPS = 20_000;
    static final int POOL = 8;

    static final String GRANT = "Grant";
    static final String GRANT_CALLERS = "Grant, 20,000 callers";
    static final String GRANT_OFF = "Grant, Batching.off()";
    static final String FIXED = "fixed pool of " + POOL;
    static final String RAW = "virtual threads + HikariCP";
    static final String VERTX = "Vert.x pipelined";

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "20,000 primary-key lookups issued at once";
    }

    @Override
    protected String unit() {
        return "ms per 20,000 lookups";
    }

    @Override
    protected double inUnit(Peer.Sample sample) {
        return sample.nanos() / 1e6;
    }

    @Override
    protected List<Opener<long[]>> peers(Options options, Settings settings) {
        Grant batching = shared(settings.grant("bench-lookups", POOL, Batching.defaults()));
        Grant off = shared(settings.grant("bench-lookups-off", POOL, Batching.off()));
        HikariDataSource pool = shared(settings.hikari("lookups", POOL));
        int pgbenchSeconds = options.quick() ? 2 : 5;
        return List.of(
                new Opener<>(GRANT, () -> new GrantIssuedAtOnce(GRANT, batching)),
                new Opener<>(GRANT_CALLERS, () -> new GrantManyCallers(GRANT_CALLERS, batching)),
                new Opener<>(GRANT_OFF, () -> new GrantIssuedAtOnce(GRANT_OFF, off)),
                new Opener<>("blocking loop", () -> new BlockingLoop(pool)),
                new Opener<>("jOOQ fetchAsync()", () -> new JooqFetchAsync(pool)),
                new Opener<>(FIXED, () -> new FixedThreadPool(pool, POOL)),
                new Opener<>(RAW, () -> new RawVirtualThreads(pool, POOL)),
                new Opener<>(VERTX, () -> new VertxPipelined(settings, POOL)),
                new Opener<>("pgbench (ceiling)", () -> new Pgbench(settings, POOL, pgbenchSeconds)));
    }

    @Override
    protected long[] input(int round) {
        return Schema.randomUserIds(LOOKUPS, 1_000 + round);
    }

    @Override
    protected void check(Peer<long[]> peer, long[] ids, Object output) {
        if (output instanceof Double tps) {
            if (!(tps > 0)) {
                throw new IllegalStateException(peer.name() + " measured " + tps + " transactions/s");
            }
            return;
        }
        List<?> users = (List<?>) output;
        if (users.size() != ids.length) {
            throw new IllegalStateException(peer.name() + " returned " + users.size() + " users for " + ids.length + " ids");
        }
        for (int i = 0; i < ids.length; i++) {
            if (!(users.get(i) instanceof BenchUser user) || user.id() != ids[i]) {
                throw new IllegalStateException(peer.name() + " returned " + users.get(i) + " for id " + ids[i]);
            }
        }
    }

    @Override
    protected void describe(WorkloadResult result) {
        result.note("Ids: 20,000 drawn at random from 1.." + Schema.USERS + " per round, the same for every peer in it."
                + " Every peer maps each row to a record; every pool holds 8 connections (HikariCP for Grant and the"
                + " JDBC peers, Vert.x's own pool, pgbench -c 8).");
        result.note("`" + GRANT + "`: one thread calls `BenchUserAsync.find(id)` 20,000 times, keeping the results, then"
                + " awaits them all (`Batching.defaults()`). `" + GRANT_CALLERS + "`: 20,000 virtual threads each call"
                + " `find(id).await()`. `" + GRANT_OFF + "`: as `" + GRANT + "`, on a database with `Batching.off()`.");
    }

    @Override
    protected void addChecks(WorkloadResult result) {
        Target atLeastOnce = Target.atLeast(1.0).aim("aim 2x");
        result.ratio("Grant vs " + FIXED, FIXED, GRANT, atLeastOnce);
        result.ratio("Grant vs " + VERTX, VERTX, GRANT, atLeastOnce);
        result.ratio("Grant, 20,000 callers vs " + FIXED, FIXED, GRANT_CALLERS, atLeastOnce);
        result.ratio("Grant, 20,000 callers vs " + VERTX, VERTX, GRANT_CALLERS, atLeastOnce);
        result.ratio("Grant, Batching.off() vs " + RAW, RAW, GRANT_OFF, Target.atLeast(0.9));
        result.ratio("Grant vs blocking loop", "blocking loop", GRANT, Target.none());
        result.ratio("Grant vs jOOQ fetchAsync()", "jOOQ fetchAsync()", GRANT, Target.none());
        result.ratio("Grant vs pgbench (the server's ceiling)", "pgbench (ceiling)", GRANT, Target.none());
    }
}
