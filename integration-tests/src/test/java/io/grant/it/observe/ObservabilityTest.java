package io.grant.it.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.metrics.AsyncMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jOOQ listeners and OpenTelemetry on every database, through the generated companion: a listener sees every
 * statement Grant sends (fused, coalesced and on PostgreSQL what would be pipelined), and spans carry the database's
 * system, namespace and SQLState.
 */
class ObservabilityTest {

    private Grant db;

    @AfterEach
    void close() {
        Grant.setDefault(null);
        if (db != null) {
            db.dsl().execute("drop table if exists obs_entries");
            db.close();
        }
    }

    private Grant open(TestDatabase database, UnaryOperator<Grant.Builder> more) {
        db = database.connect(builder -> more.apply(builder.poolSize(4)));
        db.dsl().execute("drop table if exists obs_entries");
        db.dsl().execute("create table obs_entries (id bigint primary key, label varchar(50) not null, weight int not null)");
        for (long id = 1; id <= 5; id++) {
            db.dsl().execute("insert into obs_entries values (?, ?, ?)", id, "e" + id, (int) id * 10);
        }
        Grant.setDefault(db);
        return db;
    }

    /** Records the SQL of every statement jOOQ executed. */
    @SuppressWarnings("serial")
    private static final class Recording implements ExecuteListener {
        final List<String> sql = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void executeEnd(ExecuteContext ctx) {
            sql.add(ctx.sql());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anExecuteListenerSeesEveryStatementOfCompanionQueriesAndCustomWork(TestDatabase database) {
        Recording recording = new Recording();
        open(database, builder -> builder.executeListener(recording));
        recording.sql.clear();
        AsyncMetrics metrics = db.metrics();
        long statements = metrics.statements();

        assertThat(EntryAsync.count().await()).isEqualTo(5);
        assertThat(EntryAsync.find(3L).await()).contains(new Entry(3L, "e3", 30));
        // issued together: two aggregates fused into one statement, a list, lookups coalesced into one
        AsyncResult<Long> heavy = EntryAsync.where(EntryAsync.WEIGHT.ge(30)).count();
        AsyncResult<Long> total = EntryAsync.sum(EntryAsync.WEIGHT);
        AsyncResult<List<String>> labels = EntryAsync.query().orderBy(EntryAsync.ID.asc()).pluck(EntryAsync.LABEL);
        AsyncResult<Optional<Entry>> one = EntryAsync.find(1L);
        AsyncResult<Optional<Entry>> five = EntryAsync.find(5L);
        assertThat(heavy.await()).isEqualTo(3);
        assertThat(total.await()).isEqualTo(150);
        assertThat(labels.await()).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(one.await()).contains(new Entry(1L, "e1", 10));
        assertThat(five.await()).contains(new Entry(5L, "e5", 50));
        assertThat(db.async("Report.seven", dsl -> dsl.fetchValue("select 7")).await()).isEqualTo(7);

        List<String> seen = List.copyOf(recording.sql);
        assertThat(seen).hasSize((int) (metrics.statements() - statements));
        assertThat(seen).anySatisfy(sql -> assertThat(sql).contains("count(*)").contains("obs_entries"));
        assertThat(seen).anySatisfy(sql -> assertThat(sql).contains("label").contains("order by"));
        assertThat(seen).filteredOn(sql -> sql.contains("obs_entries")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(seen).last().isEqualTo("select 7");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void spansNameTheSystemTheNamespaceAndTheSqlState(TestDatabase database) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build()) {
            open(database, builder -> builder.openTelemetry(otel).traceQueryText(true));
            assertThat(EntryAsync.where(EntryAsync.WEIGHT.gt(20)).count().await()).isEqualTo(3);
            assertThatThrownBy(() -> db.async("Missing", dsl -> dsl.fetch("select * from obs_no_such_table")).await())
                    .isInstanceOf(AsyncExecutionException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().size() == 2);

            SpanData count = exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals("Entry.count"))
                    .findFirst().orElseThrow();
            String system = switch (database) {
                case H2 -> "h2database";
                case POSTGRES -> "postgresql";
                case MARIADB -> "mariadb";
            };
            assertThat(count.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo(system);
            if (database != TestDatabase.H2) {
                assertThat(count.getAttributes().get(AttributeKey.stringKey("db.namespace")))
                        .isEqualTo(database.url().replaceAll(".*/([^/?;]+).*", "$1"));
            }
            assertThat(count.getAttributes().get(AttributeKey.stringKey("db.query.text")))
                    .contains("obs_entries").contains("?").doesNotContain("20");

            SpanData missing = exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals("Missing"))
                    .findFirst().orElseThrow();
            assertThat(missing.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            String state = switch (database) {
                case H2 -> "42S02";
                case POSTGRES -> "42P01";
                case MARIADB -> "42S02";
            };
            assertThat(missing.getAttributes().get(AttributeKey.stringKey("db.response.status_code"))).isEqualTo(state);
        }
    }
}
