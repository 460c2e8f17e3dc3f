package io.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grant.async.AsyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrantTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    private static String h2() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private Grant build(Grant.Builder builder) {
        Grant db = builder.build();
        open.add(0, db);
        return db;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        Grant.setDefault(null);
    }

    @Test
    void buildsFromAUrlDetectingTheDialect() {
        Grant db = build(Grant.builder().jdbcUrl(h2()).poolSize(3));
        assertThat(db.dialect()).isEqualTo(SQLDialect.H2);
        assertThat(db.poolSize()).isEqualTo(3);
        assertThat(db.maxConcurrency()).isEqualTo(3);
        assertThat(db.defaultTimeout()).isEmpty();
        assertThat(db.dsl().fetchValue("select 41 + 1")).isEqualTo(42);
        assertThat(db.async("Answer", dsl -> dsl.fetchValue("select 42")).await()).isEqualTo(42);
    }

    @Test
    void everyBadValueFailsNamingTheRule() {
        assertThatThrownBy(() -> Grant.builder().poolSize(0)).hasMessage("poolSize must be >= 1, was 0");
        assertThatThrownBy(() -> Grant.builder().maxConcurrency(0)).hasMessage("maxConcurrency must be >= 1, was 0");
        assertThatThrownBy(() -> Grant.builder().defaultTimeout(Duration.ZERO))
                .hasMessage("defaultTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> Grant.builder().jdbcUrl("postgres://x")).hasMessage(
                "jdbcUrl must start with 'jdbc:', was 'postgres://x'");
        assertThatThrownBy(() -> Grant.builder().dialect(SQLDialect.DEFAULT))
                .hasMessageContaining("dialect must name a database");
        assertThatThrownBy(() -> Grant.builder().build()).hasMessageContaining("set jdbcUrl(...) or dataSource(...)");
        assertThatThrownBy(() -> Grant.builder().jdbcUrl(h2()).poolSize(2).maxConcurrency(3).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("maxConcurrency must be <= poolSize (2), was 3");
        assertThatThrownBy(() -> Grant.builder().jdbcUrl("jdbc:unknowndb://x").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot tell the SQL dialect of jdbcUrl 'jdbc:unknowndb://x'");
    }

    @Test
    void anUnreachableDatabaseFailsAtBuildSayingWhere() {
        assertThatThrownBy(() -> Grant.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:1/nope").username("x")
                .connectionTimeout(Duration.ofMillis(500)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot connect to 'jdbc:postgresql://127.0.0.1:1/nope' as 'x'");
    }

    @Test
    void registryNamesTheMissingConnection() {
        Grant db = build(Grant.builder().jdbcUrl(h2()).poolSize(1));
        assertThatThrownBy(() -> Grant.named("analytics"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No database registered under connection name 'analytics'")
                .hasMessageContaining("Grant.register(\"analytics\", db)");
        Grant.register("analytics", db);
        assertThat(Grant.named("analytics")).isSameAs(db);
        Grant other = build(Grant.builder().jdbcUrl(h2()).poolSize(1));
        Grant.register("analytics", other);
        assertThat(Grant.named("analytics")).isSameAs(other);
        other.close();
        assertThatThrownBy(() -> Grant.named("analytics")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Grant::getDefault).hasMessageContaining("No default database");
        Grant.setDefault(db);
        assertThat(Grant.getDefault()).isSameAs(db);
    }

    @Test
    void closeClosesTheOwnedPoolButNotAGivenDataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2());
        config.setMaximumPoolSize(2);
        HikariDataSource given = new HikariDataSource(config);
        open.add(given);
        Grant onGiven = Grant.builder().dataSource(given).build();
        assertThat(onGiven.dialect()).isEqualTo(SQLDialect.H2);
        assertThat(onGiven.poolSize()).isEqualTo(2);
        onGiven.close();
        assertThat(given.isClosed()).isFalse();
        assertThatThrownBy(() -> onGiven.async("After.close", dsl -> 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");

        Grant owning = Grant.builder().jdbcUrl(h2()).poolSize(1).build();
        HikariDataSource pool = (HikariDataSource) owning.dataSource();
        owning.close();
        assertThat(pool.isClosed()).isTrue();
        assertThat(owning.isClosed()).isTrue();
    }

    @Test
    void aWrappedHikariPoolGivesItsSize() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2());
        config.setMaximumPoolSize(3);
        HikariDataSource given = new HikariDataSource(config);
        open.add(given);
        javax.sql.DataSource wrapper = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> method.invoke(given, args));
        Grant db = build(Grant.builder().dataSource(wrapper).dialect(SQLDialect.H2));
        assertThat(db.poolSize()).isEqualTo(3);
        assertThat(db.maxConcurrency()).isEqualTo(3);
        assertThat(db.activeConnections()).isZero();
    }

    @Test
    void oneHundredThousandPendingOperationsWaitTheirTurnWithoutPoolTimeouts() {
        // A pool timeout of 250 ms: without admission control, 100,000 operations on 4 connections would
        // wait in the pool far longer than that and fail.
        Grant db = build(Grant.builder().jdbcUrl(h2()).poolSize(4).connectionTimeout(Duration.ofMillis(250)));
        // HikariCP opens its connections in the background; on a loaded machine that alone can take longer than
        // this deliberately short pool timeout, which is not what this test is about
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> db.health().idleConnections() == 4);
        List<AsyncResult<Integer>> results = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            results.add(db.async("Select.one", dsl -> dsl.selectOne().fetchOne(0, Integer.class)));
        }
        List<Integer> values = AsyncResult.all(results).await(Duration.ofMinutes(3));
        assertThat(values).hasSize(100_000).containsOnly(1);
        assertThat(db.metrics().failedOperations()).isZero();
        assertThat(db.metrics().totalOperations()).isEqualTo(100_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> db.metrics().activeOperations() == 0);
        assertThat(db.activeConnections()).isZero();
    }
}
