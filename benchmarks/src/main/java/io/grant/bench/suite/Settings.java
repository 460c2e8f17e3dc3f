package io.grant.bench.suite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grant.Batching;
import io.grant.Grant;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the PostgreSQL server is, and how every peer connects to it. From the environment:
 * {@code GRANT_BENCH_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code GRANT_BENCH_POSTGRES_USER} (default {@code postgres}) and {@code GRANT_BENCH_POSTGRES_PASSWORD} (default
 * empty).
 *
 * <p>Every pool is made here, so that the peers differ in how they run queries and not in how they connect:
 * HikariCP with the same size and default settings for Grant's pool and the plain JDBC peers' pool.
 */
public record Settings(String url, String user, String password) {

    public static Settings fromEnvironment() {
        return new Settings(env("GRANT_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("GRANT_BENCH_POSTGRES_USER", "postgres"), env("GRANT_BENCH_POSTGRES_PASSWORD", ""));
    }

    /** A Grant of {@code poolSize} connections (its permits too), batching as given, made the default database. */
    public Grant grant(String name, int poolSize, Batching batching) {
        Grant db = Grant.builder().name(name).jdbcUrl(url).username(user).password(password).poolSize(poolSize)
                .batching(batching).build();
        Grant.setDefault(db);
        return db;
    }

    /** A HikariCP pool of {@code size} connections, all opened now, for the plain JDBC and jOOQ peers. */
    public HikariDataSource hikari(String name, int size) {
        return hikari(name, size, false);
    }

    /**
     * The same; with {@code rewriteBatchedInserts}, pgjdbc sends a batch of single-row inserts as multi-row inserts
     * ({@code reWriteBatchedInserts=true}).
     */
    public HikariDataSource hikari(String name, int size, boolean rewriteBatchedInserts) {
        HikariConfig config = new HikariConfig();
        if (rewriteBatchedInserts) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bench-" + name);
        return new HikariDataSource(config);
    }

    /** One plain connection outside every pool (set-up, watching {@code pg_stat_activity}, locks). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The URL's host, port and database, for {@code pgbench} and the Vert.x client. */
    public Server server() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String path = uri.getPath();
        return new Server(uri.getHost() == null ? "127.0.0.1" : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                path == null || path.length() < 2 ? user : path.substring(1));
    }

    /** A server's address as libpq and Vert.x take it. */
    public record Server(String host, int port, String database) {}

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return url + " as " + user; // never the password
    }
}
