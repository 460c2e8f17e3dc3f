package io.grant.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes an {@link AsyncMetrics} to a Micrometer {@link MeterRegistry}: counters
 * {@code grant.operations} (tagged {@code outcome=total|failed|timed_out|cancelled}) and the gauge
 * {@code grant.operations.active}, all tagged {@code db=<name>}. Micrometer is an optional dependency of
 * Grant: add {@code io.micrometer:micrometer-core} to use this class.
 *
 * <pre>{@code
 * new GrantMeterBinder("main", db.metrics()).bindTo(registry);
 * }</pre>
 */
public final class GrantMeterBinder implements MeterBinder {

    private final String name;
    private final AsyncMetrics metrics;

    /**
     * @param name the value of the {@code db} tag
     * @param metrics what to publish, e.g. {@code db.metrics()} or {@link AsyncMetrics#global()}
     */
    public GrantMeterBinder(String name, AsyncMetrics metrics) {
        this.name = Objects.requireNonNull(name, "name");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "total", AsyncMetrics::totalOperations);
        counter(registry, "failed", AsyncMetrics::failedOperations);
        counter(registry, "timed_out", AsyncMetrics::timedOutOperations);
        counter(registry, "cancelled", AsyncMetrics::cancelledOperations);
        Gauge.builder("grant.operations.active", metrics, AsyncMetrics::activeOperations)
                .description("Grant operations whose work has not ended")
                .tags(List.of(Tag.of("db", name)))
                .register(registry);
    }

    private void counter(MeterRegistry registry, String outcome, ToDoubleFunction<AsyncMetrics> reading) {
        FunctionCounter.builder("grant.operations", metrics, reading)
                .description("Grant operations by outcome")
                .tags(List.of(Tag.of("db", name), Tag.of("outcome", outcome)))
                .register(registry);
    }
}
