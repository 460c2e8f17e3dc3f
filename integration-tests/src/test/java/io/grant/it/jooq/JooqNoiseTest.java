package io.grant.it.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.grant.it.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jOOQ's logo, its tip of the day and its "Version mismatch" warning (PostgreSQL 15 and MariaDB 10.11 are older than
 * what jOOQ 3.21's open-source edition lists) stay out of an application's log when it opens a Grant, and come back
 * when the application asks for them through jOOQ's own system properties.
 *
 * <p>Each case runs {@link JooqNoiseApp} in a fresh JVM: jOOQ decides on its logo once per JVM, and this build's
 * surefire configuration turns the logo off for the tests' own JVM. The child logs through slf4j-simple at INFO
 * (jOOQ's logo and tip are INFO, the version check WARN) into a file that the test reads once the child has ended.
 */
class JooqNoiseTest {

    private static final String LOGO = "Thank you for using jOOQ";
    private static final String TIP = "jOOQ tip of the day";
    private static final String VERSION_MISMATCH = "Version mismatch";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void openingAGrantLogsNoLogoNoTipAndNoVersionWarning(TestDatabase database) throws Exception {
        database.requireReachable();
        String log = run(database, List.of());
        assertThat(log).contains("probe=2");
        assertThat(log).doesNotContain(LOGO).doesNotContain(TIP).doesNotContain(VERSION_MISMATCH);
        assertThat(log.lines().filter(line -> line.contains(" org.jooq."))).isEmpty();
    }

    /** Shows that the first test can fail: with jOOQ's properties set by the application, jOOQ says it all. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anApplicationThatSetsJooqsPropertiesKeepsJooqsMessages(TestDatabase database) throws Exception {
        database.requireReachable();
        String log = run(database, List.of("-Dorg.jooq.no-logo=false", "-Dorg.jooq.no-tips=false",
                "-Dorg.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport=INFO"));
        assertThat(log).contains("probe=2").contains(LOGO).contains(TIP);
        if (database != TestDatabase.H2) {
            assertThat(log).contains(VERSION_MISMATCH);
        }
    }

    private String run(TestDatabase database, List<String> properties) throws IOException, InterruptedException {
        Path output = dir.resolve("child.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-Dorg.slf4j.simpleLogger.log.org.jooq=info");
        command.add("-Dorg.slf4j.simpleLogger.log.com.zaxxer.hikari=warn");
        command.addAll(properties);
        command.add(JooqNoiseApp.class.getName());
        command.add(database.url());
        command.add(database.user());
        command.add(database.password());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(2, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            fail("the child JVM did not end within 2 minutes; its output: " + read(output));
        }
        String log = read(output);
        assertThat(child.exitValue()).as("exit code of the child JVM, whose output was:%n%s", log).isZero();
        return log;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
