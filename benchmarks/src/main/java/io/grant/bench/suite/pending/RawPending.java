package io.grant.bench.suite.pending;

import com.zaxxer.hikari.HikariDataSource;
import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The comparison for Grant's heap per pending lookup: the least one can write with virtual threads, one per lookup,
 * parked on a fair semaphore of 4 permits in front of a HikariCP pool of 4 (plain JDBC). Its threads and results are
 * kept in arrays made beforehand.
 */
final class RawPending implements PendingPeer {

    private final HikariDataSource pool;
    private final Semaphore permits;
    private final List<Thread> holders = new ArrayList<>();
    private Thread[] lookups;
    private BenchUser[] users;

    RawPending(HikariDataSource pool) {
        this.pool = pool;
        this.permits = new Semaphore(pool.getMaximumPoolSize(), true);
    }

    @Override
    public String name() {
        return "virtual threads + semaphore";
    }

    @Override
    public void occupy() {
        holders.clear();
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
            holders.add(Thread.ofVirtual().start(() -> withPermit(connection -> {
                try (Statement sql = connection.createStatement()) {
                    sql.execute(Gate.HOLD);
                }
                return null;
            })));
        }
    }

    @Override
    public void prepare(int count) {
        lookups = new Thread[count];
        users = new BenchUser[count];
    }

    @Override
    public void start(long[] ids) {
        BenchUser[] found = users;
        for (int i = 0; i < ids.length; i++) {
            int k = i;
            lookups[i] = Thread.ofVirtual().start(() -> found[k] = withPermit(c -> Jdbc.findUser(c, ids[k])));
        }
    }

    @Override
    public int pending() {
        return permits.getQueueLength();
    }

    @Override
    public int finish(long[] ids, Duration limit) throws InterruptedException {
        for (Thread holder : holders) {
            if (!holder.join(limit)) {
                throw new IllegalStateException("a holder did not end within " + limit);
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread lookup : lookups) {
            if (!lookup.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                throw new IllegalStateException("lookups did not end within " + limit);
            }
        }
        int completed = 0;
        for (int i = 0; i < ids.length; i++) {
            if (users[i] != null && users[i].id() == ids[i]) {
                completed++;
            }
        }
        lookups = null;
        users = null;
        return completed;
    }

    private <T> T withPermit(Work<T> work) {
        permits.acquireUninterruptibly();
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            permits.release();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        pool.close();
    }
}
