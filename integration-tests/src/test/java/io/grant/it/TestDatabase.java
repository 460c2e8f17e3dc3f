package io.grant.it;

import static org.assertj.core.api.Assertions.fail;

import io.grant.Grant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every integration test runs on. H2 is embedded and always there. PostgreSQL and MariaDB are
 * found through {@code GRANT_TEST_POSTGRES_URL} / {@code GRANT_TEST_MARIADB_URL} (with {@code _USER} and
 * {@code _PASSWORD}); defaults: {@code 127.0.0.1:5432} database {@code test} user {@code postgres}, and
 * {@code 127.0.0.1:3306} database {@code test} user {@code root}.
 *
 * <p>An unreachable server skips its tests with a message saying so, except with {@code CI=true}, where it
 * fails them with a message saying how to start it: CI must never pass having skipped a database.
 */
public enum TestDatabase {

    H2("H2", SQLDialect.H2, null, null, null, null),
    POSTGRES("PostgreSQL", SQLDialect.POSTGRES, "GRANT_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test",
            "postgres", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"),
    MARIADB("MariaDB", SQLDialect.MARIADB, "GRANT_TEST_MARIADB", "jdbc:mariadb://127.0.0.1:3306/test", "root",
            "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");

    private static final Map<TestDatabase, String> UNREACHABLE = new ConcurrentHashMap<>();

    private final String label;
    private final SQLDialect dialect;
    private final String envPrefix;
    private final String defaultUrl;
    private final String defaultUser;
    private final String startCommand;

    TestDatabase(String label, SQLDialect dialect, String envPrefix, String defaultUrl, String defaultUser,
            String startCommand) {
        this.label = label;
        this.dialect = dialect;
        this.envPrefix = envPrefix;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
        this.startCommand = startCommand;
    }

    /** The jOOQ dialect. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The JDBC URL; for H2 a fresh in-memory database on each call. */
    public String url() {
        if (this == H2) {
            return "jdbc:h2:mem:grant-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
        return env("_URL", defaultUrl);
    }

    /** The user name. */
    public String user() {
        return this == H2 ? "sa" : env("_USER", defaultUser);
    }

    /** The password. */
    public String password() {
        return this == H2 ? "" : env("_PASSWORD", "");
    }

    /** A Grant on this database with {@code poolSize} connections; skips or fails if the server is unreachable. */
    public Grant connect(int poolSize) {
        return connect(builder -> builder.poolSize(poolSize));
    }

    /** A Grant on this database, configured further by {@code customizer}. */
    public Grant connect(UnaryOperator<Grant.Builder> customizer) {
        String url = url();
        requireReachable(url);
        return customizer.apply(Grant.builder().name(name().toLowerCase(java.util.Locale.ROOT))
                .jdbcUrl(url).username(user()).password(password())).build();
    }

    /** Skips (or, with {@code CI=true}, fails) the calling test when this database's server is unreachable. */
    public void requireReachable() {
        requireReachable(url());
    }

    private void requireReachable(String url) {
        if (this == H2) {
            return;
        }
        String problem = UNREACHABLE.computeIfAbsent(this, db -> probe(url));
        if (problem.isEmpty()) {
            return;
        }
        String message = label + " is not reachable at " + url + " (" + problem + "). Start it with `" + startCommand
                + "`, or point " + envPrefix + "_URL at a running server.";
        unavailable(message);
    }

    /**
     * Skips the calling test because {@code what} is missing, or, with {@code CI=true}, fails it: CI must never
     * pass having skipped a database suite.
     */
    public static void unavailable(String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true requires every database suite to run, but " + what);
        }
        System.err.println("[grant-it] SKIPPING: " + what);
        Assumptions.abort(what);
    }

    private String probe(String url) {
        try (Connection connection = DriverManager.getConnection(url, user(), password())) {
            return connection.isValid(5) ? "" : "connection not valid";
        } catch (SQLException e) {
            return Objects.requireNonNullElse(e.getMessage(), e.toString());
        }
    }

    private String env(String suffix, String fallback) {
        String value = System.getenv(envPrefix + suffix);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return label;
    }
}
