package io.grant.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.internal.GrantAccess;
import io.grant.internal.Observer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * Publishes what a database does to a Micrometer {@link MeterRegistry}. Every meter is tagged {@code db=<name>}.
 *
 * <ul>
 *   <li>counters {@code grant.operations} (tagged {@code outcome=total|failed|timed_out|cancelled}) and the gauge
 *       {@code grant.operations.active}, from {@link AsyncMetrics};
 *   <li>with {@link #GrantMeterBinder(Grant)} also: the timer {@code grant.operation.duration} (tagged
 *       {@code kind}: {@code count}, {@code find}, {@code update}, ..., {@code custom} for {@code db.async}; and
 *       {@code outcome}: {@code success}, {@code failed}, {@code timed_out}, {@code cancelled}), from an operation's
 *       creation to its end; the timer {@code grant.permit.wait}, how long an operation waited for a connection; the
 *       gauges {@code grant.connections.active}, {@code .idle} and {@code .total} (the HikariCP pool; not registered
 *       for another kind of {@code DataSource}) and {@code grant.operations.waiting} (operations waiting for a
 *       connection); and {@code grant.breaker.state}, one gauge per {@code state} tag ({@code closed}, {@code open},
 *       {@code half_open}, {@code disabled}) reading 1 for the breaker's current state and 0 for the others.
 * </ul>
 *
 * <p>Micrometer is an optional dependency of Grant: add {@code io.micrometer:micrometer-core} to use this class,
 * the only one of Grant that names Micrometer's types.
 *
 * <pre>{@code
 * new GrantMeterBinder(db).bindTo(registry);                       // everything, tagged db=<db.name()>
 * new GrantMeterBinder("all", AsyncMetrics.global()).bindTo(registry); // the counters of every database
 * }</pre>
 */
public final class GrantMeterBinder implements MeterBinder {

    /** The breaker's states, as {@code grant.breaker.state} tags them. */
    private static final List<String> BREAKER_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN", "DISABLED");

    private final String name;
    private final AsyncMetrics metrics;
    private final Grant db;
    private final Supplier<String> breakerState;

    /**
     * Publishes the counters of {@code metrics} only.
     *
     * @param name the value of the {@code db} tag
     * @param metrics what to publish, e.g. {@code db.metrics()} or {@link AsyncMetrics#global()}
     */
    public GrantMeterBinder(String name, AsyncMetrics metrics) {
        this.name = Objects.requireNonNull(name, "name");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.db = null;
        this.breakerState = null;
    }

    /** Publishes everything about {@code db}, tagged {@code db=<db.name()>}. */
    public GrantMeterBinder(Grant db) {
        this(db, () -> db.health().breakerState().name());
    }

    /** {@link #GrantMeterBinder(Grant)} reading the breaker's state (a {@code BreakerState} name) from {@code breakerState}. */
    GrantMeterBinder(Grant db, Supplier<String> breakerState) {
        this.db = Objects.requireNonNull(db, "db");
        this.name = db.name();
        this.metrics = db.metrics();
        this.breakerState = Objects.requireNonNull(breakerState, "breakerState");
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
        if (db == null) {
            return;
        }
        Tags tags = Tags.of("db", name);
        Gauge.builder("grant.operations.waiting", db, Grant::waitingOperations)
                .description("Grant operations waiting for a connection")
                .tags(tags)
                .register(registry);
        if (hikari(db.dataSource()) != null) {
            pool(registry, tags, "active", "Connections in use", HikariPoolMXBean::getActiveConnections);
            pool(registry, tags, "idle", "Connections idle in the pool", HikariPoolMXBean::getIdleConnections);
            pool(registry, tags, "total", "Connections open in the pool", HikariPoolMXBean::getTotalConnections);
        }
        for (String state : BREAKER_STATES) {
            Gauge.builder("grant.breaker.state", breakerState, current -> state.equals(current.get()) ? 1 : 0)
                    .description("1 for the circuit breaker's current state, 0 for the others")
                    .tags(tags.and("state", state.toLowerCase(Locale.ROOT)))
                    .strongReference(true)
                    .register(registry);
        }
        GrantAccess.get().observers(db).add(new Timing(registry, tags));
    }

    private void counter(MeterRegistry registry, String outcome, ToDoubleFunction<AsyncMetrics> reading) {
        FunctionCounter.builder("grant.operations", metrics, reading)
                .description("Grant operations by outcome")
                .tags(List.of(Tag.of("db", name), Tag.of("outcome", outcome)))
                .register(registry);
    }

    private void pool(MeterRegistry registry, Tags tags, String what, String description,
            ToDoubleFunction<HikariPoolMXBean> reading) {
        Gauge.builder("grant.connections." + what, db, grant -> {
            HikariDataSource hikari = hikari(grant.dataSource());
            HikariPoolMXBean pool = hikari == null ? null : hikari.getHikariPoolMXBean();
            return pool == null ? Double.NaN : reading.applyAsDouble(pool); // NaN until a given pool has started
        }).description(description).tags(tags).register(registry);
    }

    /** {@code dataSource} as a HikariCP pool, itself or behind a JDBC wrapper; null if it is none. */
    private static HikariDataSource hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Times the database's operations: {@code grant.operation.duration} per kind and outcome, and
     * {@code grant.permit.wait}. Sees operations only (never statements), and keeps nothing per operation.
     */
    private static final class Timing implements Observer {
        private static final String[] OUTCOMES = {"success", "failed", "timed_out", "cancelled"};

        private final MeterRegistry registry;
        private final Tags tags;
        private final Timer permitWait;
        private final Map<String, Timer[]> durations = new ConcurrentHashMap<>();

        Timing(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
            this.permitWait = Timer.builder("grant.permit.wait")
                    .description("How long Grant operations waited for a connection")
                    .tags(tags)
                    .register(registry);
        }

        @Override
        public boolean watchesStatements() {
            return false;
        }

        @Override
        public void started(Observed operation, Object context, long waitedNanos) {
            permitWait.record(waitedNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void ended(Observed operation, Object context, AsyncResult.State outcome, boolean timedOut,
                Throwable error, long nanos) {
            int index = switch (outcome) {
                case SUCCESS -> 0;
                case FAILED -> 1;
                case CANCELLED -> timedOut ? 2 : 3;
                case RUNNING -> -1;
            };
            if (index >= 0) {
                durations.computeIfAbsent(operation.kind(), this::timers)[index].record(nanos, TimeUnit.NANOSECONDS);
            }
        }

        private Timer[] timers(String kind) {
            Timer[] timers = new Timer[OUTCOMES.length];
            for (int i = 0; i < OUTCOMES.length; i++) {
                timers[i] = Timer.builder("grant.operation.duration")
                        .description("Grant operations, from creation to end")
                        .tags(tags.and("kind", kind, "outcome", OUTCOMES[i]))
                        .register(registry);
            }
            return timers;
        }

        @Override
        public String toString() {
            return "GrantMeterBinder.Timing" + tags;
        }
    }
}
