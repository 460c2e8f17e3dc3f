package io.grant.bench.suite.lookups;

import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Jdbc;
import io.grant.bench.suite.TimedPeer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The classic way before virtual threads: a fixed pool of as many platform threads as connections (8), one
 * task per lookup, each borrowing a connection and running one prepared statement (plain JDBC); one thread
 * submits them all, then waits for every future. The threads are made once and reused by every run.
 */
final class FixedThreadPool extends TimedPeer<long[]> {

    private final DataSource pool;
    private final ExecutorService threads;

    FixedThreadPool(DataSource pool, int size) {
        super("fixed pool of " + size);
        this.pool = pool;
        this.threads = Executors.newFixedThreadPool(size, Thread.ofPlatform().name("fixed-pool-", 1).factory());
    }

    @Override
    protected Object run(long[] ids) throws Exception {
        List<Future<BenchUser>> pending = new ArrayList<>(ids.length);
        for (long id : ids) {
            pending.add(threads.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    return Jdbc.findUser(connection, id);
                }
            }));
        }
        List<BenchUser> users = new ArrayList<>(ids.length);
        for (Future<BenchUser> user : pending) {
            users.add(user.get());
        }
        return users;
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
