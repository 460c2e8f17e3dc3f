package io.grant.bench.suite;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Where and how the suite ran, for the report's header: enough to tell two reports' conditions apart. */
public record Machine(String date, String cpus, String memory, String jdk, String postgres, String commit,
        String command) {

    public static Machine describe(Settings settings, String[] args) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String cpus = Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + ")";
        String memory = totalMemory();
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + String.join(" + ", gcs);
        return new Machine(date, cpus, memory, jdk, postgres(settings), gitCommit(), command(args));
    }

    /** The load average now, e.g. {@code 1.20 0.80 0.50}, or {@code unknown}. */
    public static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: say so below
        }
        return System.getProperty("os.arch");
    }

    private static String totalMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / (1024.0 * 1024.0));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // below
        }
        return "unknown";
    }

    private static String postgres(Settings settings) {
        try (Connection connection = settings.connect(); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("show server_version")) {
            version.next();
            return "PostgreSQL " + version.getString(1) + " at " + settings.url();
        } catch (SQLException e) {
            return "unreachable at " + settings + ": " + e.getMessage();
        }
    }

    private static String gitCommit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not run in a git work tree)";
        }
        String branch = git("rev-parse", "--abbrev-ref", "HEAD");
        String changes = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks/report");
        return head + " (" + branch + ")" + (changes.isEmpty() ? "" : ", with uncommitted changes");
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The command as {@code run-suite.sh} passes it, or this JVM's command line. */
    private static String command(String[] args) {
        String script = System.getenv("GRANT_BENCH_COMMAND");
        if (script != null && !script.isBlank()) {
            return script.trim();
        }
        String line = ProcessHandle.current().info().commandLine().orElse("java ... io.grant.bench.suite.Suite");
        return args.length == 0 || line.contains(String.join(" ", args)) ? line : line + " " + String.join(" ", args);
    }
}
