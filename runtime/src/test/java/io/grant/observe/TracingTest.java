package io.grant.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.Latches;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncTimeoutException;
import io.grant.query.AsyncQuery;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardedAsyncExecutor;
import io.grant.shard.ShardedQuery;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpenTelemetry: a span per operation under the span current where it was created; a span per fan-out. */
@SuppressWarnings("try") // a try-with-resources Scope only makes its span current for the block
class TracingTest {

    private static final AttributeKey<String> SHARD = AttributeKey.stringKey("grant.shard");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("grant.outcome");
    private static final AttributeKey<String> QUERY_TEXT = AttributeKey.stringKey("db.query.text");

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();
    private final Tracer tracer = otel.getTracer("test");
    private final List<Grant> open = new ArrayList<>();
    private final List<String> shards = new ArrayList<>();

    @AfterEach
    void close() {
        shards.forEach(ShardManager::unregister);
        open.forEach(Grant::close);
        otel.close();
    }

    private Grant traced(String name, int rows, UnaryOperator<Grant.Builder> more) {
        Grant db = more.apply(Grant.builder().name(name).jdbcUrl(Note.h2()).poolSize(2).openTelemetry(otel)).build();
        open.add(db);
        Note.create(db, rows);
        return db;
    }

    /** The finished spans, once there are {@code count} of them. */
    private List<SpanData> spans(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().size() >= count);
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(count);
        return spans;
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    @Test
    void anOperationIsAChildOfTheSpanCurrentWhereItWasCreatedNotWhereItIsAwaited() {
        Grant db = traced("traced", 3, builder -> builder);
        Span request = tracer.spanBuilder("request").startSpan();
        AsyncResult<Long> count;
        AsyncResult<Object> custom;
        try (Scope scope = request.makeCurrent()) {
            count = Note.on(db).where(Note.SIZE.ge(2)).count();
            custom = db.async("Report.answer", dsl -> dsl.fetchValue("select 42"));
        }
        Span elsewhere = tracer.spanBuilder("elsewhere").startSpan();
        try (Scope scope = elsewhere.makeCurrent()) {
            assertThat(count.await()).isEqualTo(2); // runs on a lane's virtual thread, awaited under another span
            assertThat(custom.await()).isEqualTo(42);
        }
        elsewhere.end();
        request.end();

        List<SpanData> spans = spans(4);
        SpanData parent = named(spans, "request");
        for (String name : List.of("Note.count", "Report.answer")) {
            SpanData span = named(spans, name);
            assertThat(span.getTraceId()).isEqualTo(parent.getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanId());
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("grant.started");
            Map<String, Object> attributes = new java.util.HashMap<>();
            span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
            assertThat(attributes)
                    .containsEntry("db.system.name", "h2database")
                    .containsEntry("db.system", "h2")
                    .containsEntry("grant.database", "traced")
                    .containsEntry("grant.outcome", "success")
                    .containsKey("db.namespace")
                    .doesNotContainKeys("db.query.text", "grant.shard", "error.type");
        }
        assertThat(named(spans, "Note.count").getAttributes().get(AttributeKey.stringKey("db.operation.name")))
                .isEqualTo("count");
        assertThat(named(spans, "Report.answer").getAttributes().get(AttributeKey.stringKey("db.operation.name")))
                .isEqualTo("custom");
    }

    @Test
    void anOperationCreatedOutsideAnySpanStartsATraceOfItsOwn() {
        Grant db = traced("traced", 1, builder -> builder);
        assertThat(Note.on(db).count().await()).isEqualTo(1);
        assertThat(spans(1).get(0).getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void aFailedOperationIsAnErrorWithItsExceptionATimedOutOneAnErrorACancelledOneIsNot() {
        Grant db = traced("traced", 1, builder -> builder);
        assertThatThrownBy(() -> db.async("Broken", dsl -> dsl.fetch("select * from no_such_table")).await())
                .isInstanceOf(AsyncExecutionException.class);
        SpanData broken = spans(1).get(0);
        assertThat(broken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(broken.getStatus().getDescription()).contains("NO_SUCH_TABLE");
        assertThat(broken.getEvents()).extracting(EventData::getName).contains("exception");
        assertThat(broken.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("org.jooq.exception.DataAccessException");
        assertThat(broken.getAttributes().get(AttributeKey.stringKey("db.response.status_code"))).isNotBlank();
        assertThat(broken.getAttributes().get(OUTCOME)).isEqualTo("failed");
        exporter.reset();

        CountDownLatch release = new CountDownLatch(1);
        AsyncResult<Object> slow = db.async("Slow", dsl -> {
            Latches.awaitUninterruptibly(release);
            return null;
        });
        assertThatThrownBy(() -> slow.await(Duration.ofMillis(30))).isInstanceOf(AsyncTimeoutException.class);
        release.countDown();
        SpanData timedOut = spans(1).get(0);
        assertThat(timedOut.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(timedOut.getAttributes().get(OUTCOME)).isEqualTo("timed_out");
        exporter.reset();

        CountDownLatch hold = new CountDownLatch(1);
        AsyncResult<Object> blocker = db.async("Blocker", dsl -> {
            Latches.awaitUninterruptibly(hold);
            return null;
        });
        AsyncResult<Object> second = db.async("Blocker2", dsl -> {
            Latches.awaitUninterruptibly(hold);
            return null;
        });
        AsyncResult<Long> queued = Note.on(db).count(); // waits: both connections are held
        assertThat(queued.cancel()).isTrue();
        hold.countDown();
        assertThat(blocker.await()).isNull();
        assertThat(second.await()).isNull();
        SpanData cancelled = named(spans(3), "Note.count");
        assertThat(cancelled.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(cancelled.getAttributes().get(OUTCOME)).isEqualTo("cancelled");
    }

    @Test
    void theSqlIsOnTheSpanOnlyWhenAskedFor() {
        Grant plain = traced("plain", 2, builder -> builder);
        Grant withSql = traced("with-sql", 2, builder -> builder.traceQueryText(true));
        assertThat(Note.on(plain).where(Note.SIZE.ge(1)).count().await()).isEqualTo(2);
        assertThat(Note.on(withSql).where(Note.SIZE.ge(1)).count().await()).isEqualTo(2);
        List<SpanData> spans = spans(2);
        assertThat(spans).filteredOn(span -> "plain".equals(span.getAttributes().get(AttributeKey.stringKey(
                "grant.database")))).singleElement().satisfies(span ->
                assertThat(span.getAttributes().get(QUERY_TEXT)).isNull());
        assertThat(spans).filteredOn(span -> "with-sql".equals(span.getAttributes().get(AttributeKey.stringKey(
                "grant.database")))).singleElement().satisfies(span ->
                assertThat(span.getAttributes().get(QUERY_TEXT)).startsWith("select count(*)").contains("obs_notes")
                        .contains("?").doesNotContain("1"));
    }

    @Test
    void aFanOutAcrossShardsIsOneSpanWithAChildPerShard() {
        for (int i = 1; i <= 3; i++) {
            String shard = "obs-trace-" + i;
            ShardManager.register(shard, traced(shard, i, builder -> builder));
            shards.add(shard);
        }
        exporter.reset();
        Span request = tracer.spanBuilder("request").startSpan();
        try (Scope scope = request.makeCurrent()) {
            assertThat(ShardedQuery.of(Note.TABLE).count().await()).isEqualTo(6);
            assertThat(ShardedAsyncExecutor.executeAcrossShards(shards, shard -> AsyncQuery.of(Note.TABLE).count())
                    .awaitAll()).containsExactly(Map.entry("obs-trace-1", 1L), Map.entry("obs-trace-2", 2L),
                            Map.entry("obs-trace-3", 3L));
        } finally {
            request.end();
        }

        List<SpanData> spans = spans(9);
        SpanData parent = named(spans, "request");
        for (String fanOut : List.of("Note.count@*", "executeAcrossShards")) {
            SpanData merged = named(spans, fanOut);
            assertThat(merged.getParentSpanId()).isEqualTo(parent.getSpanId());
            assertThat(merged.getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(merged.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(merged.getAttributes().get(AttributeKey.longKey("grant.shards"))).isEqualTo(3L);
            List<SpanData> children = spans.stream()
                    .filter(span -> span.getParentSpanId().equals(merged.getSpanId())).toList();
            assertThat(children).extracting(span -> span.getAttributes().get(SHARD))
                    .containsExactlyInAnyOrderElementsOf(shards);
            assertThat(children).allSatisfy(child -> {
                assertThat(child.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(child.getName()).isEqualTo("Note.count@" + child.getAttributes().get(SHARD));
                assertThat(child.getTraceId()).isEqualTo(parent.getTraceId());
                assertThat(child.getAttributes().get(AttributeKey.stringKey("grant.database")))
                        .isEqualTo(child.getAttributes().get(SHARD));
            });
        }
    }

    @Test
    void aFanOutWithAFailingShardIsAnError() {
        for (int i = 1; i <= 3; i++) {
            String shard = "obs-fail-" + i;
            Grant db = traced(shard, i, builder -> builder);
            if (i == 2) {
                db.dsl().execute("drop table obs_notes");
            }
            ShardManager.register(shard, db);
            shards.add(shard);
        }
        exporter.reset();
        assertThatThrownBy(() -> ShardedQuery.of(Note.TABLE).count().await())
                .hasMessageContaining("Shard 'obs-fail-2' failed");
        SpanData merged = named(spans(4), "Note.count@*");
        assertThat(merged.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(merged.getStatus().getDescription()).contains("obs-fail-2");
        assertThat(merged.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("exception");
            assertThat(event.getAttributes().get(SHARD)).isEqualTo("obs-fail-2");
        });
        assertThat(named(exporter.getFinishedSpanItems(), "Note.count@obs-fail-2").getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
    }

    @Test
    void anythingButAnOpenTelemetryIsRefused() {
        assertThatThrownBy(() -> Grant.builder().openTelemetry("tracing, please"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("openTelemetry must be an io.opentelemetry.api.OpenTelemetry, was a java.lang.String");
    }
}
