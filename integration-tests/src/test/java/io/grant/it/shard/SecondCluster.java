package io.grant.it.shard;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second PostgreSQL server of its own, so that shards live on separate servers as in production:
 * {@code initdb} into a temporary directory and {@code pg_ctl start} on a free port of 127.0.0.1, run as the
 * {@code postgres} user when the tests run as root (initdb refuses root). {@link #close()} stops it and
 * deletes the directory. The binaries are found in {@code GRANT_TEST_PG_BIN}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin}.
 */
final class SecondCluster implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private SecondCluster(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /**
     * Creates and starts a cluster; skips the calling test (fails it with {@code CI=true}) if there are no
     * PostgreSQL server binaries or the cluster cannot start.
     */
    static SecondCluster start() {
        Optional<Path> bin = findBin();
        if (bin.isEmpty()) {
            ShardServers.unavailable("no PostgreSQL server binaries (initdb, pg_ctl) in GRANT_TEST_PG_BIN or "
                    + "/usr/lib/postgresql/*/bin; install the postgresql package");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        SecondCluster cluster = null;
        try {
            Path dir = Files.createTempDirectory("grant-pg-");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            cluster = new SecondCluster(bin.get(), dir, freePort(), root);
            cluster.run("initdb", "-D", cluster.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync");
            cluster.startServer();
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            ShardServers.unavailable("cannot start a second PostgreSQL cluster: " + e.getMessage());
            throw new IllegalStateException("unreachable", e);
        }
    }

    /** The JDBC URL of database {@code name} on this server. */
    String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    /** Creates database {@code name}. */
    void createDatabase(String name) {
        run("psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-c", "create database " + name);
    }

    /** Starts the server (again) and waits until it accepts connections. */
    void startServer() {
        run("pg_ctl", "-D", data(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server, closing every connection, and waits until it is down. */
    void stopServer() {
        run("pg_ctl", "-D", data(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Stops the server if it runs and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.exists(Path.of(data(), "postmaster.pid"))) {
                stopServer();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("[grant-it] could not delete " + dir + ": " + e);
            }
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
            return Optional.of(Path.of(configured)).filter(SecondCluster::hasServer);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin")).filter(SecondCluster::hasServer)
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
