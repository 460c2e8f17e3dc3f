package io.grant.bench.suite.lookups;

import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Jdbc;
import io.grant.bench.suite.TimedPeer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/**
 * What Grant does, written by hand with nothing else: one virtual thread per lookup, a fair semaphore of as many
 * permits as connections (8) taken before borrowing a connection from HikariCP, one prepared statement (plain
 * JDBC). The difference between this and Grant with {@code Batching.off()} is Grant's own overhead (its
 * permits, task, metrics, cancel hooks, jOOQ).
 */
final class RawVirtualThreads extends TimedPeer<long[]> {

    private final DataSource pool;
    private final Semaphore permits;

    RawVirtualThreads(DataSource pool, int permits) {
        super("virtual threads + HikariCP");
        this.pool = pool;
        this.permits = new Semaphore(permits, true);
    }

    @Override
    protected Object run(long[] ids) throws InterruptedException {
        BenchUser[] users = new BenchUser[ids.length];
        Thread[] lookups = new Thread[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int k = i;
            lookups[i] = Thread.ofVirtual().start(() -> users[k] = find(ids[k]));
        }
        for (Thread lookup : lookups) {
            lookup.join();
        }
        return Arrays.asList(users);
    }

    private BenchUser find(long id) {
        permits.acquireUninterruptibly();
        try (Connection connection = pool.getConnection()) {
            return Jdbc.findUser(connection, id);
        } catch (SQLException e) {
            throw new IllegalStateException("lookup of " + id + " failed", e);
        } finally {
            permits.release();
        }
    }
}
