package io.grant.bench.suite.pending;

import io.grant.Batching;
import io.grant.bench.suite.Check;
import io.grant.bench.suite.Options;
import io.grant.bench.suite.PeerResult;
import io.grant.bench.suite.RoundsWorkload;
import io.grant.bench.suite.Schema;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.Stats;
import io.grant.bench.suite.Workload;
import io.grant.bench.suite.WorkloadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Workload 5: {@value #OPERATIONS} lookups pending on a pool of {@value #POOL} whose connections are all busy.
 * Target: all of them complete, and each costs at most 1 KB of heap while it waits.
 *
 * <p>Each measurement: every connection is occupied first (statements waiting at a {@link Gate}); the heap in use
 * is read after full collections; the lookups start; once they all wait for a connection, the heap is read again
 * the same way and the difference divided by their number; then the gate opens and every lookup must read its row.
 * Grant and raw virtual threads on a semaphore take turns, in an order rotated every round.
 */
public final class PendingWorkload implements Workload {

    static final int OPERATIONS = 100_000;
    static final int POOL = 4;
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "100,000 pending operations on a pool of 4";
    }

    @Override
    public WorkloadResult run(Options options, Settings settings) throws Exception {
        int rounds = options.quick() ? 1 : Math.min(options.rounds(), 3);
        WorkloadResult result = new WorkloadResult(number(), title(), "bytes of heap per pending operation");
        RoundsWorkload.progress("workload 5: %s (%d round(s))", title(), rounds);
        List<PendingPeer> peers = List.of(new GrantPending(settings.grant("bench-pending", POOL, Batching.defaults())),
                new RawPending(settings.hikari("pending", POOL)));
        double[][] bytes = new double[peers.size()][rounds];
        int[][] completed = new int[peers.size()][rounds];
        List<String> drains = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                long[] ids = Schema.randomUserIds(OPERATIONS, 5_000 + round);
                for (int k = 0; k < peers.size(); k++) {
                    int index = (k + round) % peers.size();
                    PendingPeer peer = peers.get(index);
                    Measurement m = measure(peer, settings, ids);
                    bytes[index][round] = m.bytesPerOperation();
                    completed[index][round] = m.completed();
                    drains.add(String.format(Locale.ROOT, "%s round %d: %,d waiting when measured, drained in %,d ms",
                            peer.name(), round + 1, m.waiting(), m.drainMillis()));
                    RoundsWorkload.progress("  round %d of %d: %s %.0f bytes per pending operation, %,d of %,d completed",
                            round + 1, rounds, peer.name(), m.bytesPerOperation(), m.completed(), OPERATIONS);
                }
            }
        } finally {
            for (PendingPeer peer : peers) {
                peer.close();
            }
        }
        for (int i = 0; i < peers.size(); i++) {
            result.add(new PeerResult(peers.get(i).name(), bytes[i], "completed per round: " + join(completed[i])));
        }
        result.add(new Check("Grant: heap per pending operation", "(used heap while they wait - before) / 100,000",
                "bytes", Stats.of(bytes[0]), Check.Target.atMost(1024)));
        double[] done = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            done[r] = completed[0][r];
        }
        result.add(new Check("Grant: pending operations that completed with their row", "count, per round", "of 100,000",
                Stats.of(done), Check.Target.atLeast(OPERATIONS)));
        result.add(new Check("virtual threads + semaphore: heap per pending operation", "the same for the comparison",
                "bytes", Stats.of(bytes[1]), Check.Target.none()));
        result.note("Grant: a pool of 4 with `Batching.defaults()`, its 4 connections held by `db.async` statements"
                + " waiting on an advisory lock; then `BenchUserAsync.find(id)` 100,000 times. The comparison: 100,000"
                + " virtual threads each waiting on a fair `Semaphore(4)` before HikariCP(4), plain JDBC.");
        result.note("Heap: `MemoryMXBean` used heap after four `System.gc()`, before starting them and once every one"
                + " waits for a connection; the arrays that keep their handles are made before the first reading.");
        drains.forEach(result::note);
        return result;
    }

    private record Measurement(double bytesPerOperation, int completed, int waiting, long drainMillis) {}

    private static Measurement measure(PendingPeer peer, Settings settings, long[] ids) throws Exception {
        try (Gate gate = new Gate(settings)) {
            peer.occupy();
            gate.awaitHolders(POOL, Duration.ofSeconds(30));
            peer.prepare(ids.length);
            long before = Heap.usedAfterGc();
            peer.start(ids);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (peer.pending() < ids.length && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            int waiting = peer.pending();
            long after = Heap.usedAfterGc();
            long opened = System.nanoTime();
            gate.open();
            int completed = peer.finish(ids, LIMIT);
            long drain = (System.nanoTime() - opened) / 1_000_000;
            return new Measurement((after - before) / (double) ids.length, completed, waiting, drain);
        }
    }

    private static String join(int[] values) {
        List<String> parts = new ArrayList<>();
        for (int value : values) {
            parts.add(String.format(Locale.ROOT, "%,d", value));
        }
        return String.join(", ", parts);
    }
}
