package io.grant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grant.async.AsyncResult;
import io.grant.internal.Dispatcher;
import io.grant.internal.DslStatements;
import io.grant.internal.GrantAccess;
import io.grant.internal.JooqSettings;
import io.grant.internal.MetricsRecorder;
import io.grant.internal.Failover;
import io.grant.internal.Observers;
import io.grant.internal.Operation;
import io.grant.internal.QuietJooq;
import io.grant.internal.ReadFailures;
import io.grant.internal.SqlLog;
import io.grant.internal.StatementGuard;
import io.grant.metrics.AsyncMetrics;
import io.grant.policy.BreakerPolicy;
import io.grant.policy.Health;
import io.grant.policy.RetryPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.tools.jdbc.JDBCUtils;

/**
 * A database: a connection pool, the jOOQ {@link DSLContext} over it, the executor that runs async
 * operations on it, and their {@link AsyncMetrics}.
 *
 * <pre>{@code
 * Grant db = Grant.builder()
 *     .jdbcUrl("jdbc:postgresql://127.0.0.1:5432/app").username("app").password("...")
 *     .poolSize(16)
 *     .build();
 * Grant.setDefault(db);                  // what UserAsync.count() uses
 * Grant.register("analytics", other);    // what @GrantModel(connection = "analytics") uses
 * }</pre>
 *
 * <p>At most {@link #maxConcurrency()} operations hold a connection at once; the others wait for a permit,
 * in arrival order, and never hit the pool's connection timeout. {@link #close()} closes the pool this
 * Grant created, not a {@link DataSource} it was given.
 */
public final class Grant implements AutoCloseable {

    private static final AtomicReference<Grant> DEFAULT = new AtomicReference<>();
    private static final Map<String, Grant> NAMED = new ConcurrentHashMap<>();
    private static final AtomicInteger UNNAMED = new AtomicInteger();
    private static final AtomicReference<Grant> CLOSED_DEFAULT = new AtomicReference<>();

    static {
        QuietJooq.apply(); // before jOOQ renders anything for Grant: no logo, no tip, no version warning
        GrantAccess.install(new GrantAccess() {
            @Override
            public Dispatcher dispatcher(Grant db) {
                return db.dispatcher;
            }

            @Override
            public Clock clock(Grant db) {
                return db.clock;
            }

            @Override
            public Observers observers(Grant db) {
                return db.observers;
            }

            @Override
            public Optional<Grant> closedDefault() {
                return Grant.closedDefault();
            }
        });
    }

    private final String name;
    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final int poolSize;
    private final int maxConcurrency;
    private final Duration defaultTimeout;
    private final Clock clock;
    private final Batching batching;
    private final MetricsRecorder metrics = MetricsRecorder.forDatabase();
    private final Observers observers = new Observers();
    private final RetryPolicy retry;
    private final BreakerPolicy breaker;
    private final Dispatcher dispatcher;
    private volatile boolean closed;

    private Grant(Builder b, String name, DataSource dataSource, HikariDataSource ownedPool, SQLDialect dialect,
            int poolSize) {
        this.name = name;
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.dialect = dialect;
        this.poolSize = poolSize;
        this.maxConcurrency = b.maxConcurrency == null ? poolSize : b.maxConcurrency;
        this.defaultTimeout = b.defaultTimeout;
        this.clock = b.clock;
        this.batching = b.batching;
        Configuration configuration = new DefaultConfiguration().set(dialect).set(JooqSettings.merge(b.jooqSettings));
        if (b.jooqSettings != null) {
            JooqSettings.renderOwn(configuration);
        }
        List<ExecuteListener> listeners = new ArrayList<>();
        listeners.add(ReadFailures.LISTENER); // an enum name the enum lacks fails naming model, column and value
        listeners.addAll(b.executeListeners);
        configuration.set(listeners.toArray(ExecuteListener[]::new));
        observers.add(SqlLog.INSTANCE);
        if (b.openTelemetry != null) {
            observers.add(io.grant.internal.otel.Tracing.observer(b.openTelemetry, name, dialect,
                    io.grant.internal.otel.Tracing.namespace(dataSource, name), b.traceQueryText));
        }
        this.retry = b.retry;
        this.breaker = b.breaker;
        Failover failover = new Failover(b.retry, b.breaker, b.cancelTimeout, b.networkTimeout, this::evict);
        this.dispatcher = new Dispatcher(name, dataSource, configuration, maxConcurrency, metrics, defaultTimeout,
                batching, observers, failover);
        // statements run through dsl() inside AsyncResult.supply(...) or db.async(...) are cancelled on the server;
        // inside a transaction, dsl() runs on its connection
        this.dsl = DSL.using(configuration.derive(new io.grant.internal.BoundConnections(dataSource, dispatcher))
                .setAppending(StatementGuard.LISTENER, new DslStatements(name, observers)));
    }

    /** Starts configuring a database. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- the registry

    /** Makes {@code db} the database of every model without {@code @GrantModel(connection = ...)}; null clears it. */
    public static void setDefault(Grant db) {
        DEFAULT.set(db);
        CLOSED_DEFAULT.set(null);
    }

    /**
     * The default database.
     *
     * @throws IllegalStateException if none was set
     */
    public static Grant getDefault() {
        Grant db = DEFAULT.get();
        if (db == null) {
            Grant closed = CLOSED_DEFAULT.get();
            if (closed != null) {
                throw new IllegalStateException("The default database '" + closed.name() + "' was closed: call "
                        + "Grant.setDefault(...) with an open database before using a model without "
                        + "@GrantModel(connection = ...)");
            }
            throw new IllegalStateException("No default database: call Grant.setDefault(Grant.builder()"
                    + ".jdbcUrl(...).build()) before using a model without @GrantModel(connection = ...)");
        }
        return db;
    }

    /** The default database, if one was set. */
    public static Optional<Grant> findDefault() {
        return Optional.ofNullable(DEFAULT.get());
    }

    /** Registers {@code db} under {@code name}, for {@code @GrantModel(connection = name)}; again replaces it. */
    public static void register(String name, Grant db) {
        requireName(name);
        NAMED.put(name, Objects.requireNonNull(db, "db"));
    }

    /** Removes the database registered under {@code name}, if any, and returns it (it is not closed). */
    public static Optional<Grant> unregister(String name) {
        return Optional.ofNullable(NAMED.remove(requireName(name)));
    }

    /**
     * The database registered under {@code name}.
     *
     * @throws IllegalStateException naming the missing connection and how to register it
     */
    public static Grant named(String name) {
        Grant db = NAMED.get(requireName(name));
        if (db == null) {
            throw new IllegalStateException("No database registered under connection name '" + name
                    + "': call Grant.register(\"" + name + "\", db) first (registered: "
                    + List.copyOf(new java.util.TreeSet<>(NAMED.keySet())) + ")");
        }
        return db;
    }

    private static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("connection name must not be blank");
        }
        return name;
    }

    // ---------------------------------------------------------------- the instance

    /** The jOOQ DSL over this database's pool, for anything else jOOQ can express (blocking, not counted). */
    public DSLContext dsl() {
        return dsl;
    }

    /** What the async operations of this database did. */
    public AsyncMetrics metrics() {
        return metrics;
    }

    /** This database's name: the builder's {@code name}, or one derived from the URL. */
    public String name() {
        return name;
    }

    /** The jOOQ dialect queries are written in. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** Where connections come from: the pool this Grant created, or the one it was given. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The pool size. */
    public int poolSize() {
        return poolSize;
    }

    /** How many operations may hold a connection at once. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** How operations issued together are combined. */
    public Batching batching() {
        return batching;
    }

    /** The time limit of every operation, if one was set. */
    public Optional<Duration> defaultTimeout() {
        return Optional.ofNullable(defaultTimeout);
    }

    /** Connections in use right now, if the pool is a HikariCP pool (or wraps one); -1 otherwise. */
    public int activeConnections() {
        HikariPoolMXBean pool = hikariPool();
        return pool == null ? -1 : pool.getActiveConnections();
    }

    /** Operations waiting for a permit right now. */
    public int waitingOperations() {
        return dispatcher.waiting();
    }

    private HikariPoolMXBean hikariPool() {
        HikariDataSource hikari = hikari(dataSource);
        return hikari == null ? null : hikari.getHikariPoolMXBean();
    }

    /** {@code dataSource} as a HikariCP pool, itself or behind a JDBC wrapper; null if it is none. */
    private static HikariDataSource hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource != null && dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null; // a wrapper that cannot say: treat it as a pool of unknown size
        }
    }

    /**
     * Runs {@code work} as an async operation of this database: with a permit and a pooled connection,
     * counted in {@link #metrics()}, bounded by the default timeout, and cancelled on the server when the
     * result is cancelled or times out. For queries the generated companions do not cover.
     *
     * <pre>{@code
     * AsyncResult<Integer> n = db.async("Report.daily", dsl -> dsl.fetchCount(DSL.table("events")));
     * }</pre>
     */
    public <T> AsyncResult<T> async(String operation, Function<? super DSLContext, ? extends T> work) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(work, "work");
        return dispatcher.submit(new Operation<T>() {
            @Override
            public String name() {
                return operation;
            }

            @Override
            public T execute(DSLContext context) {
                return work.apply(context);
            }
        });
    }

    /**
     * Runs {@code work} as one transaction of this database, on one pooled connection and its own virtual thread, and
     * returns its result at once: it commits when the work returns (the result is what it returned) and rolls back
     * when it throws, or when the result is cancelled or times out (the statement running then is cancelled on the
     * server first; the result is published once the rollback is done).
     *
     * <p>Inside {@code work}, every Grant operation for this database created on its thread, or in an
     * {@code AsyncScope} opened there, runs on the transaction's connection, one after another in the order created,
     * and never outside it: companions, {@code AsyncQuery}, {@link #async}, and {@link #dsl()} too. What the work
     * creates and does not await runs before the commit; if such an operation fails and nothing handled its failure,
     * the transaction rolls back. An operation created inside that would run after the transaction ended is refused
     * with an {@link IllegalStateException}. Operations on other databases run as usual. A transaction inside
     * {@code work} on this database is a savepoint: its failure rolls back only what it did.
     *
     * <pre>{@code
     * AsyncResult<Long> moved = db.transaction(tx -> {
     *     AccountAsync.where(AccountAsync.ID.eq(1L)).update(AccountAsync.BALANCE.set(b1)).await();
     *     AccountAsync.where(AccountAsync.ID.eq(2L)).update(AccountAsync.BALANCE.set(b2)).await();
     *     return AccountAsync.count().await();
     * });
     * }</pre>
     */
    public <T> AsyncResult<T> transaction(TransactionWork<T> work) {
        return transaction(TransactionOptions.defaults(), work);
    }

    /**
     * {@link #transaction(TransactionWork)} with {@code options}: an isolation level, read-only, a time limit for the
     * whole transaction, and how often to run the work again after a serialization failure or deadlock. The database's
     * {@code defaultTimeout} limits each operation inside, not the transaction.
     */
    public <T> AsyncResult<T> transaction(TransactionOptions options, TransactionWork<T> work) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
        return io.grant.internal.TransactionOperation.start(this, dispatcher, options, work);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** How failed operations are retried. */
    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** When the circuit breaker opens. */
    public BreakerPolicy breakerPolicy() {
        return breaker;
    }

    /**
     * How this database is doing now: {@code DOWN} while its breaker is open (calls fail at once), {@code DEGRADED}
     * while it is half-open or when operations ran out of time waiting for a connection in the last 10 s, else
     * {@code UP}; with its breaker's state, its pool's active and idle connections, and the operations waiting.
     */
    public Health health() {
        io.grant.policy.BreakerState state = dispatcher.breakerState();
        Health.Status status = state == io.grant.policy.BreakerState.OPEN ? Health.Status.DOWN
                : state == io.grant.policy.BreakerState.HALF_OPEN || dispatcher.starved(Duration.ofSeconds(10))
                        ? Health.Status.DEGRADED : Health.Status.UP;
        HikariPoolMXBean pool = hikariPool();
        return new Health(status, state, pool == null ? -1 : pool.getActiveConnections(),
                pool == null ? -1 : pool.getIdleConnections(), dispatcher.waiting());
    }

    /** Takes a broken or aborted connection out of a HikariCP pool (other pools find out when they validate it). */
    private void evict(Connection connection) {
        HikariDataSource hikari = hikari(dataSource);
        if (hikari != null) {
            hikari.evictConnection(connection);
        }
    }

    /**
     * {@link #close(Duration)} with 30 seconds: refuses new work, lets what runs finish within 30 s, cancels the rest
     * on the server, then closes the pool this Grant created.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Refuses new operations, then waits at most {@code bound} for the operations in flight to finish; what has not
     * finished by then is cancelled: an operation still waiting for a connection never runs (its result is
     * cancelled), a running statement is cancelled on the server, and its result says what really happened (a write
     * that the server committed before the cancel reached it succeeded; one it rolled back failed). Then closes the
     * pool this Grant created (not a {@link DataSource} it was given), and removes it from the default slot and the
     * registry. Safe to call more than once.
     *
     * @return whether every operation had ended before the pool closed
     */
    public boolean close(Duration bound) {
        Objects.requireNonNull(bound, "bound");
        if (bound.isNegative()) {
            throw new IllegalArgumentException("bound must not be negative, was " + bound);
        }
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
        }
        boolean ended = dispatcher.close(bound);
        if (DEFAULT.compareAndSet(this, null)) {
            CLOSED_DEFAULT.set(this);
        }
        NAMED.values().removeIf(db -> db == this);
        if (ownedPool != null) {
            ownedPool.close();
        }
        return ended;
    }

    /** The default database that was closed, if the default slot is empty because of that: for messages. */
    static Optional<Grant> closedDefault() {
        return Optional.ofNullable(CLOSED_DEFAULT.get());
    }

    @Override
    public String toString() {
        return "Grant[" + name + ", " + dialect + ", poolSize=" + poolSize + ", maxConcurrency=" + maxConcurrency + "]";
    }

    /**
     * Configures a {@link Grant}. Every value is checked when it is set or at {@link #build()}, and a bad one
     * fails with the rule it broke.
     */
    public static final class Builder {

        private String name;
        private String jdbcUrl;
        private String username;
        private String password;
        private DataSource dataSource;
        private SQLDialect dialect;
        private Integer poolSize;
        private Integer maxConcurrency;
        private Duration defaultTimeout;
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemDefaultZone();
        private Batching batching = Batching.defaults();
        private RetryPolicy retry = RetryPolicy.defaults();
        private BreakerPolicy breaker = BreakerPolicy.defaults();
        private Duration cancelTimeout = Duration.ofSeconds(1);
        private Duration networkTimeout;

        private Settings jooqSettings;
        private final List<ExecuteListener> executeListeners = new ArrayList<>();
        private Object openTelemetry;
        private boolean traceQueryText;

        private Builder() {}

        /** Which failed operations run again; {@link RetryPolicy#defaults()} (transient failures of reads) unless set. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** When the circuit breaker opens; {@link BreakerPolicy#defaults()} unless set, or {@link BreakerPolicy#disabled()}. */
        public Builder circuitBreaker(BreakerPolicy breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker");
            return this;
        }

        /**
         * The jOOQ settings to start from, for {@link Grant#dsl()} and every operation's statements (a copy is taken
         * now). Grant puts back the few its SQL relies on: {@code executeLogging} off (statements are logged through
         * the SLF4J logger {@code io.grant.sql}), values bound as indexed parameters of prepared statements
         * ({@code statementType}, {@code paramType}), and names quoted only where they must be
         * ({@code renderQuotedNames}, {@code renderNameCase}). Everything else is yours: render mapping, formatting,
         * fetch size, query timeout, ...
         */
        public Builder jooqSettings(Settings settings) {
            this.jooqSettings = (Settings) Objects.requireNonNull(settings, "settings").clone();
            return this;
        }

        /**
         * How long a cancelled statement (a cancel, a timeout, a deadline) may take to stop on the server before its
         * connection is aborted and taken out of the pool, so that its place comes back even when the network lost
         * the cancel; default 1 s. On PostgreSQL it also bounds the driver's cancel request ({@code cancelSignalTimeout})
         * in the pools Grant creates.
         *
         * @throws IllegalArgumentException if it is shorter than 10 ms or longer than 10 minutes
         */
        public Builder cancelTimeout(Duration cancelTimeout) {
            Objects.requireNonNull(cancelTimeout, "cancelTimeout");
            if (cancelTimeout.toMillis() < 10 || cancelTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("cancelTimeout must be between 10 ms and 10 minutes, was "
                        + cancelTimeout);
            }
            this.cancelTimeout = cancelTimeout;
            return this;
        }

        /**
         * jOOQ listeners that see every statement of this database: those of {@link Grant#dsl()} and of every
         * operation (its statements then all run through jOOQ: lookups are not sent on their own JDBC path and
         * PostgreSQL statements are not pipelined). Adds to those given before.
         */
        public Builder executeListener(ExecuteListener... listeners) {
            for (ExecuteListener listener : Objects.requireNonNull(listeners, "listeners")) {
                executeListeners.add(Objects.requireNonNull(listener, "listener"));
            }
            return this;
        }

        /**
         * The last-resort limit on how long a connection waits for the database to say anything
         * ({@code Connection.setNetworkTimeout}): an operation with no time limit of its own on a network that went
         * silent fails after it instead of hanging. None by default; set it above your longest query.
         *
         * @throws IllegalArgumentException if it is shorter than 100 ms
         */
        public Builder networkTimeout(Duration networkTimeout) {
            Objects.requireNonNull(networkTimeout, "networkTimeout");
            if (networkTimeout.toMillis() < 100) {
                throw new IllegalArgumentException("networkTimeout must be >= 100 ms, was " + networkTimeout);
            }
            this.networkTimeout = networkTimeout;
            return this;
        }

        /**
         * Traces every operation with this {@code io.opentelemetry.api.OpenTelemetry} (for instance the SDK you
         * built, or {@code GlobalOpenTelemetry.get()} once it is set up): a span per operation, child of the span
         * current where the operation was created, and a span per fan-out across shards with a child per shard.
         * Typed {@code Object} (as HikariCP's {@code setMetricRegistry}), so that this class never names a type of
         * the optional OpenTelemetry API; anything else fails with {@link IllegalArgumentException}.
         */
        public Builder openTelemetry(Object openTelemetry) {
            Objects.requireNonNull(openTelemetry, "openTelemetry");
            io.grant.internal.otel.Presence.require(openTelemetry);
            this.openTelemetry = openTelemetry;
            return this;
        }

        /**
         * Whether spans carry the statement's SQL as {@code db.query.text} (with {@code ?} for values; never the values
         * themselves); off by default, since SQL may say more than a trace should.
         */
        public Builder traceQueryText(boolean traceQueryText) {
            this.traceQueryText = traceQueryText;
            return this;
        }

        /** How operations issued together are combined; {@link Batching#defaults()} unless set. */
        public Builder batching(Batching batching) {
            this.batching = Objects.requireNonNull(batching, "batching");
            return this;
        }

        /** A name for messages, metrics and the pool's threads; defaults to one derived from the URL. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** The JDBC URL of the database; Grant creates and owns a HikariCP pool for it. */
        public Builder jdbcUrl(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:")) {
                throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:', was '" + jdbcUrl + "'");
            }
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** The user to connect as (with {@link #jdbcUrl}). */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /** The password (with {@link #jdbcUrl}). */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** An existing pool or data source to use instead of a URL; {@link Grant#close()} leaves it open. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The jOOQ dialect; detected from the URL (or the data source's connection) when not given. */
        public Builder dialect(SQLDialect dialect) {
            Objects.requireNonNull(dialect, "dialect");
            if (dialect == SQLDialect.DEFAULT) {
                throw new IllegalArgumentException("dialect must name a database (e.g. SQLDialect.POSTGRES), was DEFAULT");
            }
            this.dialect = dialect;
            return this;
        }

        /** The pool's maximum size (HikariCP {@code maximumPoolSize}); default: that of a given HikariCP pool, else 10. */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be >= 1, was " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /** How many operations may hold a connection at once; default (and at most) the pool size. */
        public Builder maxConcurrency(int maxConcurrency) {
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency);
            }
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** A time limit for every operation, from its creation; none by default. */
        public Builder defaultTimeout(Duration defaultTimeout) {
            Objects.requireNonNull(defaultTimeout, "defaultTimeout");
            if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
                throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
            }
            this.defaultTimeout = defaultTimeout;
            return this;
        }

        /** How long the pool may take to hand out a connection; default 30 s. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            Objects.requireNonNull(connectionTimeout, "connectionTimeout");
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be >= 250 ms (HikariCP's minimum), was "
                        + connectionTimeout);
            }
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /** The clock for values such as {@code touchAll}'s "now"; default the system clock in the default zone. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Creates the Grant; with a URL, creates its pool and checks that the database answers.
         *
         * @throws IllegalStateException if the values do not fit together, or the database cannot be reached
         */
        public Grant build() {
            if (jdbcUrl == null && dataSource == null) {
                throw new IllegalStateException("Grant needs a database: set jdbcUrl(...) or dataSource(...)");
            }
            if (jdbcUrl != null && dataSource != null) {
                throw new IllegalStateException("set either jdbcUrl(...) or dataSource(...), not both");
            }
            if (dataSource != null && (username != null || password != null)) {
                throw new IllegalStateException("username and password go with jdbcUrl(...); "
                        + "configure them on the DataSource you pass instead");
            }
            HikariDataSource givenPool = hikari(dataSource);
            int size = poolSize != null ? poolSize : givenPool != null ? givenPool.getMaximumPoolSize() : 10;
            if (maxConcurrency != null && maxConcurrency > size) {
                throw new IllegalStateException("maxConcurrency must be <= poolSize (" + size + "), was "
                        + maxConcurrency + ": operations beyond the pool size would wait in the pool and time out");
            }
            if (jdbcUrl != null) {
                SQLDialect detected = dialect != null ? dialect : JDBCUtils.dialect(jdbcUrl);
                if (detected == SQLDialect.DEFAULT) {
                    throw new IllegalStateException("Cannot tell the SQL dialect of jdbcUrl '" + jdbcUrl
                            + "'; set it with .dialect(SQLDialect.POSTGRES) (or H2, MARIADB, MYSQL, ...)");
                }
                String poolName = name != null ? name : nameOf(jdbcUrl);
                HikariDataSource pool = createPool(poolName, size, detected);
                return new Grant(this, poolName, pool, pool, detected, size);
            }
            SQLDialect detected = dialect != null ? dialect : detect(dataSource);
            String dbName = name != null ? name : "datasource-" + UNNAMED.incrementAndGet();
            return new Grant(this, dbName, dataSource, null, detected, size);
        }

        private HikariDataSource createPool(String poolName, int size, SQLDialect dialect) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            utcSession(dialect).ifPresent(config::setConnectionInitSql);
            if (username != null) {
                config.setUsername(username);
            }
            if (password != null) {
                config.setPassword(password);
            }
            config.setMaximumPoolSize(size);
            config.setPoolName("grant-" + poolName);
            config.setConnectionTimeout(connectionTimeout.toMillis());
            // last-resort limits: probe idle connections, and let TCP notice a peer that vanished
            config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
            if (dialect.family() == SQLDialect.POSTGRES) {
                config.addDataSourceProperty("tcpKeepAlive", "true");
                config.addDataSourceProperty("cancelSignalTimeout",
                        String.valueOf(Math.max(1, (cancelTimeout.toMillis() + 999) / 1000)));
            } else if (dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL) {
                config.addDataSourceProperty("tcpKeepAlive", "true");
            }
            try {
                return new HikariDataSource(config);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException("Cannot connect to '" + jdbcUrl + "'" + (username == null ? ""
                        : " as '" + username + "'") + ": " + cause.getMessage()
                        + " (is the server running, does the database exist, is the JDBC driver on the classpath?)", e);
            }
        }

        /**
         * The statement that puts a new connection's session in UTC, so that an {@code Instant} means the same
         * whatever the JVM's or the server's time zone: stored as its UTC date-time in a column without a time
         * zone ({@code timestamp}, MariaDB's {@code datetime}) and as itself in one with, and read back the same.
         * Without it, PostgreSQL and H2 convert through the session's zone, which the driver takes from the JVM.
         */
        private static Optional<String> utcSession(SQLDialect dialect) {
            return switch (dialect.family()) {
                case POSTGRES, YUGABYTEDB, H2 -> Optional.of("SET TIME ZONE 'UTC'");
                case MARIADB, MYSQL -> Optional.of("SET time_zone = '+00:00'");
                default -> Optional.empty();
            };
        }

        private static SQLDialect detect(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                SQLDialect detected = JDBCUtils.dialect(connection);
                if (detected == SQLDialect.DEFAULT) {
                    throw new IllegalStateException("Cannot tell the SQL dialect of the given DataSource ("
                            + connection.getMetaData().getURL() + "); set it with .dialect(SQLDialect.X)");
                }
                return detected;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect through the given DataSource to detect its dialect: "
                        + e.getMessage() + " (or set .dialect(SQLDialect.X))", e);
            }
        }

        private static String nameOf(String url) {
            String rest = url.substring("jdbc:".length());
            int params = rest.indexOf('?');
            if (params >= 0) {
                rest = rest.substring(0, params);
            }
            int semicolon = rest.indexOf(';');
            if (semicolon >= 0) {
                rest = rest.substring(0, semicolon);
            }
            return rest.replace("//", "");
        }
    }
}
