package io.grant.bench.suite.pending;

import java.time.Duration;

/**
 * One way of leaving many lookups pending on a pool whose every connection is busy, measured the same way:
 * {@link #occupy} fills the pool (its statements wait at the gate), {@link #start} starts the lookups, {@link #pending}
 * says how many are waiting for a connection, {@link #finish} waits for all of them and counts those that read
 * their row.
 */
interface PendingPeer extends AutoCloseable {

    String name();

    /** Starts one holder per connection; each waits at the gate, holding its connection. */
    void occupy();

    /** Makes room for {@code count} lookups' handles (before the heap is measured, so not counted). */
    void prepare(int count);

    /** Starts a lookup of each id. */
    void start(long[] ids);

    /** Lookups now waiting for a connection. */
    int pending();

    /** Waits for every lookup (after the gate opened) and returns how many read their row. */
    int finish(long[] ids, Duration limit) throws Exception;

    @Override
    void close();
}
