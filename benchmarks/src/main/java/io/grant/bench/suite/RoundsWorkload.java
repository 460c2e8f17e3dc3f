package io.grant.bench.suite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A workload run as interleaved rounds: its peers are opened, each warms up, then every round gives each peer
 * the same input once, in an order rotated by one peer per round, so that load from other work on the machine
 * falls on all of them alike and no peer always goes first or after the same neighbour. Every run starts after
 * a {@link System#gc()}, so that no peer pays for another's garbage. The report shows each peer's median and
 * spread over the rounds, and ratios paired round by round.
 *
 * <p>What a peer returns is checked after its timed run ({@link #check}): a peer that read wrong or missing rows
 * would be fast for the wrong reason, so it fails instead. A peer that cannot be opened or fails is dropped with
 * a note, and the rest go on.
 *
 * @param <I> the input of one round, the same for every peer in it
 */
public abstract class RoundsWorkload<I> implements Workload {

    private final Deque<AutoCloseable> shared = new ArrayDeque<>();

    /** A peer to open, by name, so that one that cannot be opened is reported by that name. */
    public record Opener<I>(String name, Open<I> open) {}

    /** Opens a peer. */
    @FunctionalInterface
    public interface Open<I> {
        Peer<I> open() throws Exception;
    }

    /** The unit of every sample, e.g. {@code ms per 20,000 lookups}. */
    protected abstract String unit();

    /** A run's wall time in {@link #unit()}. */
    protected abstract double inUnit(Peer.Sample sample);

    /** The peers, in the order of the first round. */
    protected abstract List<Opener<I>> peers(Options options, Settings settings) throws Exception;

    /** The input of round {@code round} (warm-ups get negative numbers). */
    protected abstract I input(int round);

    /** Throws if {@code output} is not what {@code input} should have read. */
    protected abstract void check(Peer<I> peer, I input, Object output);

    /** Adds the checks against the targets, from the peers' samples. */
    protected abstract void addChecks(WorkloadResult result);

    /** Adds notes saying what each peer is; by default none. */
    protected void describe(WorkloadResult result) {}

    /** Keeps a resource that several peers share, closed after all of them (last kept, first closed). */
    protected final <T extends AutoCloseable> T shared(T resource) {
        shared.push(resource);
        return resource;
    }

    @Override
    public final WorkloadResult run(Options options, Settings settings) throws Exception {
        WorkloadResult result = new WorkloadResult(number(), title(), unit());
        List<Peer<I>> peers = new ArrayList<>();
        try {
            for (Opener<I> opener : peers(options, settings)) {
                try {
                    peers.add(opener.open().open());
                } catch (Exception | LinkageError e) {
                    result.note("**" + opener.name() + " could not be opened**: " + message(e));
                }
            }
            progress("workload %d: %s (%d peers, %d warm-up runs each, %d rounds)", number(), title(), peers.size(),
                    options.warmUps(), options.rounds());
            for (int w = 0; w < options.warmUps(); w++) {
                I input = input(-1 - w);
                for (Peer<I> peer : List.copyOf(peers)) {
                    runOrDrop(peer, peers, result, () -> peer.warmUp(input));
                }
            }
            double[][] samples = new double[peers.size()][options.rounds()];
            for (double[] row : samples) {
                Arrays.fill(row, Double.NaN);
            }
            List<Peer<I>> all = List.copyOf(peers);
            for (int round = 0; round < options.rounds(); round++) {
                I input = input(round);
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < all.size(); k++) {
                    Peer<I> peer = all.get((k + round) % all.size());
                    if (!peers.contains(peer)) {
                        continue;
                    }
                    int index = all.indexOf(peer);
                    int r = round;
                    runOrDrop(peer, peers, result, () -> {
                        System.gc();
                        Peer.Sample sample = peer.measure(input);
                        check(peer, input, sample.output());
                        samples[index][r] = inUnit(sample);
                    });
                    line.append("  ").append(peer.name()).append(' ').append(Report.number(samples[index][r]));
                }
                progress("  round %d of %d:%s", round + 1, options.rounds(), line);
            }
            for (int i = 0; i < all.size(); i++) {
                if (peers.contains(all.get(i))) {
                    result.add(new PeerResult(all.get(i).name(), samples[i], all.get(i).note()));
                }
            }
            describe(result);
            addChecks(result);
        } finally {
            for (Peer<I> peer : peers) {
                closeQuietly(peer, result);
            }
            while (!shared.isEmpty()) {
                closeQuietly(shared.pop(), result);
            }
        }
        return result;
    }

    /** A run of {@code peer}; if it throws, the peer is noted, closed and left out of the rest. */
    private void runOrDrop(Peer<I> peer, List<Peer<I>> peers, WorkloadResult result, Run run) {
        try {
            run.run();
        } catch (Exception | AssertionError e) {
            result.note("**" + peer.name() + " failed and was left out**: " + message(e));
            progress("  %s failed: %s", peer.name(), message(e));
            peers.remove(peer);
            closeQuietly(peer, result);
        }
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private static void closeQuietly(AutoCloseable resource, WorkloadResult result) {
        try {
            resource.close();
        } catch (Exception e) {
            result.note("closing " + resource + " failed: " + message(e));
        }
    }

    /** A throwable's message with its cause's, on one line. */
    public static String message(Throwable e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text += " (caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text.replace('\n', ' ');
    }

    /** A line of progress on standard error, so that standard output stays the report. */
    public static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
