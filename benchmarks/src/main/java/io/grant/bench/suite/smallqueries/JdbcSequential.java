package io.grant.bench.suite.smallqueries;

import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.Schema;
import io.grant.bench.suite.TimedPeer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * The baseline of target 3: the same ten queries written by hand in SQL, one after the other on one connection
 * (plain JDBC, a prepared statement each): ten round trips per batch.
 */
final class JdbcSequential extends TimedPeer<Batch[]> {

    private static final String USER = "select " + Schema.USER_COLUMNS + " from bench_users ";

    private final DataSource pool;

    JdbcSequential(DataSource pool) {
        super("10 in a row on one connection");
        this.pool = pool;
    }

    @Override
    protected Object run(Batch[] batches) throws SQLException {
        List<List<Object>> results = new ArrayList<>(batches.length);
        try (Connection c = pool.getConnection()) {
            for (Batch b : batches) {
                results.add(Arrays.asList(
                        value(c, "select count(*) from bench_users where id between ? and ? and age = ?",
                                b.rangeStart(), b.rangeStart() + 49, b.age()),
                        user(c, USER + "where id = ?", b.id()),
                        user(c, USER + "where name = ? order by id limit 1", b.name()),
                        value(c, "select exists (select 1 from bench_users where email = ?)", b.email()),
                        value(c, "select max(balance) from bench_users where id between ? and ?", b.pickId(),
                                b.pickId() + 49),
                        value(c, "select name from bench_users where id = ? limit 1", b.pickId()),
                        user(c, USER + "where id >= ? and age = ? order by id limit 1", b.id(), b.firstAge()),
                        names(c, b.rangeStart()),
                        value(c, "select coalesce(sum(balance), 0) from bench_users where id between ? and ?",
                                b.rangeStart(), b.rangeStart() + 49),
                        users(c, b.ids())));
            }
        }
        return results;
    }

    private static Object value(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getObject(1) : null;
        }
    }

    private static BenchUser user(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, parameters); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Schema.user(rows) : null;
        }
    }

    private static List<String> names(Connection c, long from) throws SQLException {
        try (PreparedStatement statement = prepare(c, "select name from bench_users where id >= ? order by id limit 10",
                from); ResultSet rows = statement.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    private static List<BenchUser> users(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement statement = prepare(c, USER + "where id in (?, ?, ?, ?, ?) order by id limit 5",
                ids.toArray());
                ResultSet rows = statement.executeQuery()) {
            List<BenchUser> users = new ArrayList<>();
            while (rows.next()) {
                users.add(Schema.user(rows));
            }
            return users;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
