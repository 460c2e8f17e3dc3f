package io.grant.bench.suite.lookups;

import io.grant.bench.suite.Peer;
import io.grant.bench.suite.Schema;
import io.grant.bench.suite.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's ceiling for this lookup: PostgreSQL's own load generator, written in C, with the same query and
 * 8 connections: {@code pgbench -n -M prepared -c 8 -j 2 -T <s> -f script}, the script being
 * {@code \set id random(1, N)} and the lookup. It reports transactions per second; the suite turns that into the
 * time 20,000 lookups take at that rate, so that it stands in the same column as the others. No client in Java
 * is expected to reach it; it says how much of the server's capacity the others use.
 */
final class Pgbench implements Peer<long[]> {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Settings settings;
    private final int clients;
    private final int seconds;
    private final Path script;
    private double lastTps = Double.NaN;

    Pgbench(Settings settings, int clients, int seconds) throws IOException, InterruptedException {
        this.settings = settings;
        this.clients = clients;
        this.seconds = seconds;
        this.script = Files.createTempFile("grant-bench-lookup", ".sql");
        Files.writeString(script, "\\set id random(1, " + Schema.USERS + ")\n" + Schema.findUser(":id") + ";\n",
                StandardCharsets.UTF_8);
        run(1); // fails here, when the peer is opened, if pgbench is missing or cannot connect
    }

    @Override
    public String name() {
        return "pgbench (ceiling)";
    }

    @Override
    public Sample measure(long[] ids) throws Exception {
        double tps = run(seconds);
        lastTps = tps;
        return new Sample(Math.round(ids.length / tps * 1e9), tps);
    }

    @Override
    public void warmUp(long[] ids) throws Exception {
        run(1);
    }

    /** Runs pgbench for {@code duration} seconds and returns its transactions per second. */
    private double run(int duration) throws IOException, InterruptedException {
        Settings.Server server = settings.server();
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(clients),
                "-j", "2", "-T", String.valueOf(duration), "-f", script.toString(), "-h", server.host(), "-p",
                String.valueOf(server.port()), "-U", settings.user(), server.database()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!settings.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", settings.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(duration + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("pgbench failed: " + String.join(" ", command) + "\n" + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IOException("no 'tps = ...' in pgbench's output:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    @Override
    public String note() {
        return String.format(Locale.ROOT, "last run: %,.0f transactions/s over %d s, -c %d -j 2 -M prepared", lastTps,
                seconds, clients);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
