package io.grant.bench.suite.timeout;

import io.grant.Batching;
import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.bench.suite.Check;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.PeerResult;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.Stats;
import io.grant.bench.suite.Workload;
import io.grant.bench.suite.WorkloadResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workload 7: how long a query goes on running on the server after its caller gave up. Each repetition starts a
 * 10 s query ({@code select pg_sleep(10)}) through {@code db.async}, which first records its backend's
 * {@code pg_backend_pid()}, then calls {@code await(Duration.ofMillis(100))}; once that times out, a separate plain
 * JDBC connection polls {@code pg_stat_activity} until that backend no longer runs the query. The sample is the
 * time from the deadline (100 ms after {@code await} was called) to that moment. Target: p99 at most 50 ms.
 */
public final class TimeoutWorkload implements Workload {

    private static final Duration DEADLINE = Duration.ofMillis(100);
    private static final Duration POLL_LIMIT = Duration.ofSeconds(15);
    private static final String SLOW = "select pg_sleep(10)";

    @Override
    public int number() {
        return 7;
    }

    @Override
    public String title() {
        return "From a 100 ms deadline to an idle server";
    }

    @Override
    public WorkloadResult run(Options options, Settings settings) throws Exception {
        int repetitions = options.quick() ? 30 : 200;
        WorkloadResult result = new WorkloadResult(number(), title(), "ms from the deadline to the backend no longer"
                + " running the query");
        result.samplesAre("repetitions");
        RoundsWorkload.progress("workload 7: %s (%d repetitions after 3 warm-up ones)", title(), repetitions);
        List<Double> latencies = new ArrayList<>();
        int skipped = 0;
        try (Grant db = settings.grant("bench-timeout", 8, Batching.defaults());
                Connection watcher = settings.connect();
                PreparedStatement activity = watcher.prepareStatement(
                        "select state, query from pg_stat_activity where pid = ?")) {
            for (int i = -3; i < repetitions; i++) {
                double latency = once(db, activity);
                if (Double.isNaN(latency)) {
                    skipped++;
                } else if (i >= 0) {
                    latencies.add(latency);
                }
                if (i >= 0 && (i + 1) % 50 == 0) {
                    RoundsWorkload.progress("  %d of %d done", i + 1, repetitions);
                }
            }
        }
        double[] samples = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        result.add(new PeerResult("Grant, await(100 ms) on a 10 s query", samples, ""));
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double p99 = sorted.length == 0 ? Double.NaN : Stats.quantile(sorted, 0.99);
        double p50 = sorted.length == 0 ? Double.NaN : Stats.quantile(sorted, 0.5);
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        result.add(new Check("deadline to idle server, p99", "99th percentile over " + samples.length + " repetitions",
                "ms", Stats.of(p99), Check.Target.atMost(50)));
        result.add(new Check("deadline to idle server, p50", "median over " + samples.length + " repetitions", "ms",
                Stats.of(p50), Check.Target.none()));
        result.add(new Check("deadline to idle server, max", "slowest of " + samples.length + " repetitions", "ms",
                Stats.of(max), Check.Target.none()));
        result.note("Each repetition: `db.async(\"bench.slow\", dsl -> { record pg_backend_pid(); dsl.fetch(\"" + SLOW
                + "\") })`, then `await(Duration.ofMillis(100))`; after the timeout, `pg_stat_activity` is polled (plain"
                + " JDBC, a connection of its own) until that backend's state is no longer `active` with that query."
                + " Pool of 8, one repetition at a time.");
        if (skipped > 0) {
            result.note("**" + skipped + " repetition(s) left out**: the query had not started by the deadline.");
        }
        return result;
    }

    /** One repetition: milliseconds from the deadline to the idle backend, or NaN if the query never started. */
    private static double once(Grant db, PreparedStatement activity) throws SQLException, InterruptedException {
        AtomicInteger backend = new AtomicInteger();
        AtomicBoolean sleeping = new AtomicBoolean();
        AsyncResult<?> slow = db.async("bench.slow", dsl -> {
            backend.set(((Number) dsl.fetchValue("select pg_backend_pid()")).intValue());
            sleeping.set(true);
            return dsl.fetch(SLOW);
        });
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try {
            slow.await(DEADLINE);
            throw new IllegalStateException("a 10 s query finished within " + DEADLINE);
        } catch (AsyncTimeoutException expected) {
            // the case measured
        }
        if (!sleeping.get()) {
            return Double.NaN;
        }
        int pid = backend.get();
        long limit = System.nanoTime() + POLL_LIMIT.toNanos();
        activity.setInt(1, pid);
        while (System.nanoTime() < limit) {
            boolean running;
            try (ResultSet rows = activity.executeQuery()) {
                running = rows.next() && "active".equals(rows.getString(1)) && rows.getString(2).contains(SLOW);
            }
            if (!running) {
                return (System.nanoTime() - deadline) / 1e6;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("backend " + pid + " still ran '" + SLOW + "' " + POLL_LIMIT + " after its deadline");
    }
}
