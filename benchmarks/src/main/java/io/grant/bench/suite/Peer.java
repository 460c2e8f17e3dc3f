package io.grant.bench.suite;

/**
 * One way of doing a workload: a peer in the comparison. The runner ({@link RoundsWorkload}) gives every peer
 * the same input in a round and checks what it returns, outside the timed part.
 *
 * @param <I> the workload's input for one round (e.g. the ids to look up)
 */
public interface Peer<I> extends AutoCloseable {

    /** The peer's name in the report, e.g. {@code fixed pool of 8}. */
    String name();

    /** Does the workload once on {@code input} and says how long it took. */
    Sample measure(I input) throws Exception;

    /** Does the workload once, untimed, to warm up; by default the same as {@link #measure}. */
    default void warmUp(I input) throws Exception {
        measure(input);
    }

    /** Anything worth knowing about the runs so far (statements sent, the executor used), or empty. */
    default String note() {
        return "";
    }

    /** Closes what the peer opened (pools, threads); the runner calls it once, at the end. */
    @Override
    default void close() {}

    /** One run: its wall time, and what the peer read, for the workload to check. */
    record Sample(long nanos, Object output) {}
}
