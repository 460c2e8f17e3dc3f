package io.grant.bench.suite.parallel;

import io.grant.Batching;
import io.grant.Grant;
import io.grant.bench.ShardFanOut;
import io.grant.bench.suite.Check.Target;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.Peer;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.WorkloadResult;
import java.util.List;

/**
 * Workload 6: waiting in parallel. Targets: 8 independent 100 ms queries started together within 1.10x of one such
 * query alone (a pool of 8); {@code acrossShards().count()} over 8 shards whose queries wait 25..200 ms within 1.10x
 * of the slowest shard alone ({@link ShardFanOut}'s databases, 2 connections each).
 */
public final class ParallelWorkload extends RoundsWorkload<Integer> {

    static final int POOL = 8;
    static final String EIGHT = "8 sleeps of 100 ms together";
    static final String ONE = "1 sleep of 100 ms";
    static final String FAN_OUT = "acrossShards().count(), 8 shards";
    static final String SLOWEST = "slowest shard alone";

    @Override
    public int number() {
        return 6;
    }

    @Override
    public String title() {
        return "8 independent 100 ms queries; 8-shard fan-out";
    }

    @Override
    protected String unit() {
        return "ms per run";
    }

    @Override
    protected double inUnit(Peer.Sample sample) {
        return sample.nanos() / 1e6;
    }

    @Override
    protected List<Opener<Integer>> peers(Options options, Settings settings) {
        Grant db = shared(settings.grant("bench-parallel", POOL, Batching.defaults()));
        ShardFanOut.Shards shards = shared(ShardFanOut.Shards.open(settings.url(), settings.user(), settings.password()));
        return List.of(
                new Opener<>(EIGHT, () -> new GrantSleeps(EIGHT, db, 8)),
                new Opener<>(ONE, () -> new GrantSleeps(ONE, db, 1)),
                new Opener<>(FAN_OUT, () -> new ShardCount(FAN_OUT, shards, ShardFanOut.Shards::fanOut)),
                new Opener<>(SLOWEST, () -> new ShardCount(SLOWEST, shards, ShardFanOut.Shards::slowestAlone)));
    }

    @Override
    protected Integer input(int round) {
        return round;
    }

    @Override
    protected void check(Peer<Integer> peer, Integer round, Object output) {
        long expected = switch (peer.name()) {
            case EIGHT -> 8;
            case ONE -> 1;
            case FAN_OUT -> 800; // 100 rows on each of 8 shards
            default -> 100;
        };
        if (!(output instanceof Number n) || n.longValue() != expected) {
            throw new IllegalStateException(peer.name() + " returned " + output + ", expected " + expected);
        }
    }

    @Override
    protected void describe(WorkloadResult result) {
        result.note("Sleeps: `db.async(\"bench.sleep\", dsl -> dsl.fetch(\"" + GrantSleeps.SLEEP + "\"))` on a pool of"
                + " 8, started together, then all awaited. Shards: the databases `grant_fanout_1..8` of `ShardFanOut`,"
                + " each shard's query waiting 25 ms x its number (the slowest " + ShardFanOut.Shards.slowestDelayMillis()
                + " ms).");
    }

    @Override
    protected void addChecks(WorkloadResult result) {
        result.ratio("8 independent 100 ms queries together vs one alone", EIGHT, ONE, Target.atMost(1.10));
        result.ratio("8-shard fan-out vs the slowest shard alone", FAN_OUT, SLOWEST, Target.atMost(1.10));
    }
}
