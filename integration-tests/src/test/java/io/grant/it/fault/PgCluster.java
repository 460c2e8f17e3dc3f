package io.grant.it.fault;

import io.grant.it.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the tests' own, to stop, crash and restart at will: {@code initdb} into a temporary
 * directory and {@code pg_ctl start} on a free port of 127.0.0.1, run as the {@code postgres} user when the tests
 * run as root (initdb refuses root). User {@code postgres}, no password ({@code trust}). Cheap to start: initdb
 * {@code --no-sync} and the server with {@code fsync=off}, so a crash may lose data, which no test keeps anyway.
 * {@link #close()} stops it and deletes the directory; a JVM that exits without closing it stops it too. The
 * binaries are found in {@code GRANT_TEST_PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin}.
 *
 * <p>One cluster per test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
public final class PgCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;
    private final Thread onExit;

    private PgCluster(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
        this.onExit = new Thread(this::stopQuietly, "pg-cluster-" + port + "-stop");
    }

    /**
     * Creates and starts a cluster; skips the calling test (fails it with {@code CI=true}) if there are no
     * PostgreSQL server binaries or the cluster cannot start.
     */
    public static PgCluster start() {
        Optional<Path> bin = findBin();
        if (bin.isEmpty()) {
            TestDatabase.unavailable("no PostgreSQL server binaries (initdb, pg_ctl) in GRANT_TEST_PG_BIN or "
                    + "/usr/lib/postgresql/*/bin; install the postgresql package");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        PgCluster cluster = null;
        try {
            Path dir = Files.createTempDirectory("grant-pg-");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            cluster = new PgCluster(bin.get(), dir, freePort(), root);
            Runtime.getRuntime().addShutdownHook(cluster.onExit);
            cluster.run("initdb", "-D", cluster.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            cluster.startServer();
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            TestDatabase.unavailable("cannot start a PostgreSQL cluster of the tests' own: " + e.getMessage());
            throw new IllegalStateException("unreachable", e);
        }
    }

    /** The JDBC URL of database {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The port it listens on, the same across stops and starts. */
    public int port() {
        return port;
    }

    /** Creates database {@code name} ({@code [a-z0-9_]+}). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database names here are [a-z0-9_]+, was " + name);
        }
        run("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-c", "create database " + name);
    }

    /** Starts the server (again, on the same port and data) and waits until it accepts connections. */
    public void startServer() {
        run("pg_ctl", "-D", data(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /**
     * Stops the server the clean way ({@code pg_ctl -m fast}): every session is terminated (its client reads
     * SQLState 57P01 "terminating connection due to administrator command" if it reads at all), and the server
     * waits for them and checkpoints before it exits. Returns once it is down.
     */
    public void stopServer() {
        run("pg_ctl", "-D", data(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /**
     * Crashes the server ({@code pg_ctl -m immediate}): every process quits at once, no checkpoint, so the next
     * {@link #startServer()} runs crash recovery. Returns once it is down.
     */
    public void stopImmediately() {
        run("pg_ctl", "-D", data(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /** {@link #stopServer()} then {@link #startServer()}. */
    public void restart() {
        stopServer();
        startServer();
    }

    /** Whether the server is running (its postmaster.pid exists). */
    public boolean isRunning() {
        return Files.exists(Path.of(data(), "postmaster.pid"));
    }

    /**
     * Terminates every session on database {@code database} but the one this runs on, with
     * {@code pg_terminate_backend}, and returns how many it signalled. Each ends shortly after (this does not wait):
     * an idle one sends its client a FATAL 57P01 and closes; one running a statement stops it first.
     */
    public int terminateBackends(String database) {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
                PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(pid) "
                        + "from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            int signalled = 0;
            try (ResultSet rs = terminate.executeQuery()) {
                while (rs.next()) {
                    signalled += rs.getBoolean(1) ? 1 : 0;
                }
            }
            return signalled;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the sessions on " + database + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server if it runs (immediately: its data is thrown away) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (isRunning()) {
                stopImmediately();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is exiting (the hook may be what runs this), or the hook was never added
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("[grant-it] could not delete " + dir + ": " + e);
            }
        }
    }

    private void stopQuietly() {
        try {
            if (isRunning()) {
                stopImmediately();
            }
        } catch (RuntimeException e) {
            System.err.println("[grant-it] could not stop the PostgreSQL cluster in " + dir + ": " + e.getMessage());
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ": " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + tool, e);
        }
    }

    private static Optional<Path> findBin() {
        String configured = System.getenv("GRANT_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(PgCluster::hasServer);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin")).filter(PgCluster::hasServer)
                    .max(Comparator.comparing(path -> versionOf(path.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path dir) {
        String name = dir.getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
