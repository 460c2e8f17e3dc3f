package io.grant.bench.suite.lookups;

import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Jdbc;
import io.grant.bench.suite.TimedPeer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The simplest code: one thread, one connection, every lookup after the one before, each a prepared statement
 * of its own (plain JDBC). What concurrency has to beat; it pays a full round trip per lookup.
 */
final class BlockingLoop extends TimedPeer<long[]> {

    private final DataSource pool;

    BlockingLoop(DataSource pool) {
        super("blocking loop");
        this.pool = pool;
    }

    @Override
    protected Object run(long[] ids) throws Exception {
        List<BenchUser> users = new ArrayList<>(ids.length);
        try (Connection connection = pool.getConnection()) {
            for (long id : ids) {
                users.add(Jdbc.findUser(connection, id));
            }
        }
        return users;
    }
}
