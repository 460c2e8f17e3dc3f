package io.grant.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault-injection kit proves itself with plain pgjdbc: a {@link PgCluster} of the tests' own, reached through a
 * {@link FaultProxy}, each fault doing to a real PostgreSQL connection what the proxy's comment promises. The
 * admin connections that watch the server ({@code pg_stat_activity}) go to the cluster directly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultProxyTest {

    private static final String DB = "fault";
    private static final Duration PROMPTLY = Duration.ofSeconds(4);
    private static PgCluster cluster;
    private static FaultProxy proxy;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void start() {
        cluster = PgCluster.start();
        cluster.createDatabase(DB);
        proxy = FaultProxy.start("127.0.0.1", cluster.port());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void release() throws Exception {
        proxy.thaw();
        proxy.delay(Duration.ZERO);
        proxy.blackholeNewConnections(false);
        proxy.refuseNewConnections(false);
        proxy.cut(); // fails whatever a failed test left running through the proxy
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (SQLException e) {
                // a connection that a fault broke: pgjdbc cannot say goodbye on it, and need not
            }
        }
        background.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.openConnections() == 0);
        if (!cluster.isRunning()) {
            cluster.startServer();
        }
    }

    @Test
    void passesQueriesThroughAndCountsTheConnection() throws Exception {
        Connection connection = viaProxy("");
        assertThat(query(connection, "select 1")).isEqualTo(1);
        assertThat(query(connection, "select inet_server_port()")).isEqualTo(cluster.port());
        assertThat(proxy.openConnections()).isEqualTo(1);

        connection.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void delayMakesEveryRoundTripTakeAtLeastTheDelay() throws Exception {
        Connection connection = viaProxy("");
        Duration delay = Duration.ofMillis(300);
        proxy.delay(delay);
        long start = System.nanoTime();
        assertThat(query(connection, "select 1")).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);

        // delay(ZERO) releases the chunks already waiting
        proxy.delay(Duration.ofMinutes(10));
        Future<Object> waiting = inBackground(() -> query(connection, "select 2"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
        proxy.delay(Duration.ZERO);
        assertThat(waiting).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(2);
    }

    @Test
    void freezeIsSilenceUntilThaw() throws Exception {
        Connection timed = viaProxy("socketTimeout=1");
        Connection patient = viaProxy("");
        proxy.freeze();

        assertThatThrownBy(() -> query(timed, "select 1"))
                .satisfies(connectionClass())
                .hasRootCauseInstanceOf(SocketTimeoutException.class);

        Future<Object> held = inBackground(() -> query(patient, "select 42"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !held.isDone());

        // a connection made while frozen is accepted, then gets silence too
        assertThatThrownBy(() -> viaProxy("socketTimeout=1"))
                .satisfies(connectionClass())
                .hasRootCauseInstanceOf(SocketTimeoutException.class);

        proxy.thaw();
        assertThat(held).as("the held query, delivered after thaw on its still open connection")
                .succeedsWithin(Duration.ofSeconds(10)).isEqualTo(42);
        assertThat(query(viaProxy(""), "select 3")).isEqualTo(3);
    }

    @Test
    void cutResetsARunningQueryButTheServerNoticesOnlyWhenItWrites() throws Exception {
        Connection victim = viaProxy("");
        int pid = pid(victim);
        Connection admin = direct("postgres");
        Future<Object> sleeping = inBackground(() -> query(victim, "select pg_sleep(5)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> isActive(admin, pid));

        proxy.cut();
        failsPromptly(sleeping).satisfies(connectionClass())
                .havingRootCause().isInstanceOf(SocketException.class).withMessageContaining("reset");
        assertThat(proxy.openConnections()).isZero();

        // PostgreSQL reads nothing during pg_sleep, so the reset socket goes unnoticed: the backend sleeps on,
        // then fails to send its result ("could not send data to client") and exits.
        assertThat(isActive(admin, pid)).as("the orphaned backend still runs its statement").isTrue();
        await().atMost(Duration.ofSeconds(15)).until(() -> !exists(admin, pid));
        assertThat(query(viaProxy(""), "select 1")).isEqualTo(1);
    }

    @Test
    void cutIsNoticedAtOnceWithAClientConnectionCheckInterval() throws Exception {
        Connection admin = direct("postgres");
        Assumptions.assumeTrue((Integer) query(admin, "select current_setting('server_version_num')::int") >= 140000,
                "client_connection_check_interval is PostgreSQL 14+");
        Connection victim = viaProxy("");
        int pid = pid(victim);
        query(victim, "select set_config('client_connection_check_interval', '100ms', false)");
        Future<Object> sleeping = inBackground(() -> query(victim, "select pg_sleep(30)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> isActive(admin, pid));

        proxy.cut();
        failsPromptly(sleeping).satisfies(connectionClass());
        await().atMost(Duration.ofSeconds(10)).until(() -> !exists(admin, pid));
    }

    @Test
    void blackholedNewConnectionsSwallowTheCancelRequest() throws Exception {
        Connection running = viaProxy("cancelSignalTimeout=1");
        Connection other = viaProxy("");
        Connection admin = direct("postgres");
        int pid = pid(running);
        Statement sleep = running.createStatement();
        resources.add(0, sleep);

        proxy.blackholeNewConnections(true);
        Future<Boolean> slept = inBackground(() -> sleep.execute("select pg_sleep(5)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> isActive(admin, pid));
        long start = System.nanoTime();
        sleep.cancel(); // sends the cancel key on a new connection, which the proxy black-holes
        Duration blocked = Duration.ofNanos(System.nanoTime() - start);
        System.err.println("[grant-it] Statement.cancel() with a black-holed cancel request returned after "
                + blocked.toMillis() + " ms (cancelSignalTimeout=1)");

        // pgjdbc waits for the server to close the cancel connection, cancelSignalTimeout at most, then gives up
        // silently: no exception, and the statement runs on.
        assertThat(blocked).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(isActive(admin, pid)).as("the statement still runs").isTrue();
        assertThat(query(other, "select 1")).as("an existing connection still works").isEqualTo(1);
        assertThat(slept).as("pg_sleep ran to its end").succeedsWithin(Duration.ofSeconds(15)).isEqualTo(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 2);

        proxy.blackholeNewConnections(false);
        Future<Boolean> cancelled = inBackground(() -> sleep.execute("select pg_sleep(5)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> isActive(admin, pid));
        sleep.cancel();
        failsPromptly(cancelled).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
    }

    @Test
    void refusedNewConnectionsFailPromptly() throws Exception {
        Connection existing = viaProxy("");
        proxy.refuseNewConnections(true);

        long start = System.nanoTime();
        assertThatThrownBy(() -> viaProxy("")).satisfies(connectionClass());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(query(existing, "select 1")).as("an existing connection still works").isEqualTo(1);

        proxy.refuseNewConnections(false);
        assertThat(query(viaProxy(""), "select 2")).isEqualTo(2);
    }

    @Test
    void aCrashBreaksOpenConnectionsAndTheClusterComesBackOnItsPort() throws Exception {
        Connection crashed = direct(DB);
        assertThat(query(crashed, "select 1")).isEqualTo(1);

        cluster.stopImmediately();
        assertThat(cluster.isRunning()).isFalse();
        assertThatThrownBy(() -> query(crashed, "select 1")).satisfies(brokenByTheServer());

        cluster.startServer();
        Connection restarted = direct(DB);
        assertThat(query(restarted, "select inet_server_port()")).isEqualTo(cluster.port());

        cluster.restart();
        assertThatThrownBy(() -> query(restarted, "select 1")).satisfies(brokenByTheServer());
        assertThat(query(direct(DB), "select 2")).isEqualTo(2);
    }

    @Test
    void terminateBackendsEndsTheOtherSessions() throws Exception {
        Connection victim = direct(DB);
        int pid = pid(victim);
        Connection admin = direct("postgres");
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsOn(admin, DB) == 1);

        assertThat(cluster.terminateBackends(DB)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !exists(admin, pid));
        assertThatThrownBy(() -> query(victim, "select 1"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P01"));
        assertThat(query(admin, "select 1")).as("the session that terminated them").isEqualTo(1);
    }

    @Test
    void closeResetsEveryConnectionAndEndsEveryThread() throws Exception {
        FaultProxy own = FaultProxy.start("127.0.0.1", cluster.port());
        resources.add(0, own);
        Connection forwarded = open(url(own, ""));
        own.freeze();
        Future<Object> held = inBackground(() -> query(forwarded, "select 1"));
        own.blackholeNewConnections(true);
        Socket blackholed = new Socket(own.host(), own.port());
        resources.add(0, blackholed);
        await().atMost(Duration.ofSeconds(5)).until(() -> own.openConnections() == 2);

        own.close(); // throws if a thread of the proxy were still running
        assertThat(own.openConnections()).isZero();
        failsPromptly(held).satisfies(connectionClass());
        assertThatThrownBy(() -> blackholed.getInputStream().read())
                .isInstanceOf(SocketException.class).hasMessageContaining("reset");
        assertThatThrownBy(() -> new Socket(own.host(), own.port()).close()).isInstanceOf(ConnectException.class);
    }

    private Connection viaProxy(String parameters) throws SQLException {
        return open(url(proxy, parameters));
    }

    private static String url(FaultProxy through, String parameters) {
        return "jdbc:postgresql://" + through.authority() + "/" + DB + "?sslmode=disable"
                + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    private Connection direct(String database) throws SQLException {
        return open(cluster.url(database) + "?sslmode=disable");
    }

    private Connection open(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, "postgres", "");
        resources.add(0, connection);
        return connection;
    }

    private <T> Future<T> inBackground(Callable<T> task) {
        return background.submit(task);
    }

    private static Object query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static int pid(Connection connection) throws SQLException {
        return (Integer) query(connection, "select pg_backend_pid()");
    }

    private static boolean isActive(Connection admin, int pid) throws SQLException {
        return count(admin, "select count(*) from pg_stat_activity where pid = ? and state = 'active'", pid) == 1;
    }

    private static boolean exists(Connection admin, int pid) throws SQLException {
        return count(admin, "select count(*) from pg_stat_activity where pid = ?", pid) == 1;
    }

    private static int sessionsOn(Connection admin, String database) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(
                "select count(*) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            statement.setString(1, database);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int count(Connection admin, String sql, int pid) throws SQLException {
        try (PreparedStatement statement = admin.prepareStatement(sql)) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The cause of {@code future}'s failure, which must come within {@link #PROMPTLY}. */
    private static ThrowableAssertAlternative<?> failsPromptly(Future<?> future) {
        return assertThat(future).failsWithin(PROMPTLY).withThrowableOfType(ExecutionException.class).havingCause();
    }

    /** An SQLException of class 08, connection exception. */
    private static ThrowingConsumer<Throwable> connectionClass() {
        return e -> assertThat(e).isInstanceOf(SQLException.class)
                .extracting(t -> ((SQLException) t).getSQLState()).asString().startsWith("08");
    }

    /** A connection exception, or the server's own word that it shut down (57P01..57P03). */
    private static ThrowingConsumer<Throwable> brokenByTheServer() {
        return e -> assertThat(e).isInstanceOf(SQLException.class)
                .extracting(t -> ((SQLException) t).getSQLState()).asString()
                .matches("08...|57P0[123]");
    }
}
