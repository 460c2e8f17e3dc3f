package io.grant.it.shard;

import io.grant.Grant;
import io.grant.it.TestDatabase;
import io.grant.shard.ShardManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real shards for the tests: databases created (if missing) on the PostgreSQL and MariaDB servers that
 * {@link TestDatabase} finds, each opened as its own {@link Grant}. What else they need (a cluster of their
 * own) skips or fails through {@link TestDatabase#unavailable}.
 */
final class ShardServers {

    private static final Pattern URL = Pattern.compile("^(jdbc:[a-z]+://[^/]+/)([^?;]*)(.*)$");

    private ShardServers() {}

    /** Opens database {@code name} on {@code server}, creating it first if it does not exist. */
    static Grant open(TestDatabase server, String name, UnaryOperator<Grant.Builder> customizer) {
        server.requireReachable();
        String url = urlOf(server.url(), name);
        if (server != TestDatabase.H2) {
            createDatabase(server, name);
        }
        return customizer.apply(Grant.builder().name(name).jdbcUrl(url).username(server.user())
                .password(server.password()).poolSize(4).connectionTimeout(Duration.ofSeconds(2))).build();
    }

    /** Opens database {@code name} on {@code server} with the default settings of these tests. */
    static Grant open(TestDatabase server, String name) {
        return open(server, name, builder -> builder);
    }

    /** Opens {@code count} PostgreSQL databases {@code prefix1..prefixN}. */
    static List<Grant> postgres(String prefix, int count) {
        List<Grant> dbs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            dbs.add(open(TestDatabase.POSTGRES, prefix + i));
        }
        return dbs;
    }

    /** {@code url} with its database name replaced by {@code name}. */
    static String urlOf(String url, String name) {
        if (url.startsWith("jdbc:h2:")) {
            return "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Cannot find the database name in " + url);
        }
        return m.group(1) + name + m.group(3);
    }

    private static void createDatabase(TestDatabase server, String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database names here are [a-z0-9_]+, was " + name);
        }
        try (Connection admin = DriverManager.getConnection(server.url(), server.user(), server.password())) {
            if (server == TestDatabase.MARIADB) {
                try (Statement create = admin.createStatement()) {
                    create.execute("create database if not exists " + name);
                }
                return;
            }
            try (PreparedStatement exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("create database " + name);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another run: fine
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on " + server + ": " + e.getMessage(), e);
        }
    }

    /** Registers {@code dbs} as shards {@code names}, in order, after removing every other shard. */
    static void register(List<String> names, List<Grant> dbs) {
        ShardManager.clear();
        for (int i = 0; i < names.size(); i++) {
            ShardManager.register(names.get(i), dbs.get(i));
        }
    }

    /** Closes {@code dbs} and forgets every shard. */
    static void closeAll(List<Grant> dbs) {
        ShardManager.clear();
        dbs.forEach(Grant::close);
    }

    /** How many statements marked {@code marker} the PostgreSQL server of {@code db} is running now. */
    static int runningOnServer(Grant db, String marker) {
        return db.dsl().fetchOne("select count(*) from pg_stat_activity where state = 'active' "
                + "and query like '%" + marker + "%' and pid <> pg_backend_pid()").get(0, Integer.class);
    }
}
