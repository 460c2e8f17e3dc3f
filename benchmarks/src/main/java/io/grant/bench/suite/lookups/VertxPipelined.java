package io.grant.bench.suite.lookups;

import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Schema;
import io.grant.bench.suite.Settings;
import io.grant.bench.suite.TimedPeer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The fastest non-blocking client for PostgreSQL we know: Vert.x's pipelined client ({@code PgBuilder.client()}),
 * 8 connections, up to 256 queries in flight per connection, prepared statements cached. One thread issues every
 * lookup, then waits for all of them ({@code Future.all}); each row is mapped to a {@link BenchUser} as the
 * others do. Its Vert.x instance is made once and reused by every run.
 */
final class VertxPipelined extends TimedPeer<long[]> {

    private final Vertx vertx;
    private final SqlClient client;
    private final PreparedQuery<RowSet<Row>> find;

    VertxPipelined(Settings settings, int poolSize) {
        super("Vert.x pipelined");
        Settings.Server server = settings.server();
        PgConnectOptions connect = new PgConnectOptions().setHost(server.host()).setPort(server.port())
                .setDatabase(server.database()).setUser(settings.user()).setPassword(settings.password())
                .setPipeliningLimit(256).setCachePreparedStatements(true);
        this.vertx = Vertx.vertx();
        this.client = PgBuilder.client().with(new PoolOptions().setMaxSize(poolSize)).connectingTo(connect)
                .using(vertx).build();
        this.find = client.preparedQuery(Schema.findUser("$1"));
    }

    @Override
    protected Object run(long[] ids) {
        List<Future<BenchUser>> pending = new ArrayList<>(ids.length);
        for (long id : ids) {
            pending.add(find.execute(Tuple.of(id)).map(VertxPipelined::user));
        }
        Future.all(pending).toCompletionStage().toCompletableFuture().join();
        List<BenchUser> users = new ArrayList<>(ids.length);
        for (Future<BenchUser> user : pending) {
            users.add(user.result());
        }
        return users;
    }

    private static BenchUser user(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Row row = it.next();
        return new BenchUser(row.getLong(0), row.getString(1), row.getString(2), row.getInteger(3),
                row.getBigDecimal(4), row.getBoolean(5));
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
