package io.grant.internal;

import io.grant.Batching;
import io.grant.async.AsyncResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Param;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * Runs the operations of one database: the single place that decides which operations run together, on which
 * connection, and when. Later policies (retry, circuit breaker, transactions) plug in here.
 *
 * <p>How an operation travels:
 * <ol>
 *   <li>{@link #submit} creates its result and a {@link Pending}; the creating thread holds it
 *       ({@link ThreadContext}) until it waits on Grant, the batching window passes, or enough are held; then it
 *       is queued here. With batching off it is queued at once.
 *   <li>At most {@code maxConcurrency} <em>lanes</em> run at once, each a virtual thread holding one pooled
 *       connection. A lane takes a harvest of queued operations (everything waiting together for a connection, up
 *       to {@link Batching#maxCoalesce()}), groups its reads into statements (fused aggregates, coalesced lookups),
 *       pipelines the statements in one round trip where the driver can (PostgreSQL) or runs them back to back,
 *       runs writes and custom work alone, and keeps going while work is queued. Queued operations hold no thread
 *       and no connection, so waiting costs a few hundred bytes each, in arrival order.
 *   <li>Every member of a combined statement gets the value it would get alone. A combined statement that fails
 *       is run again member by member, so one member's error never becomes another's. A member that is cancelled
 *       or times out leaves its statement; once no member is left, the statement is cancelled on the server.
 * </ol>
 *
 * <p>Guarantees: every connection a lane takes goes back to the pool in {@code finally}; the work of every
 * operation ends exactly once (before its outcome is published, when it produced one); a cancel never blocks the
 * caller ({@link StatementGuard#stop()}). Not API.
 */
public final class Dispatcher {

    private final String database;
    /** Makes lanes' threads: virtual, named after the database (a factory, unlike a builder, is thread-safe). */
    private final ThreadFactory laneThreads;
    private final DataSource dataSource;
    private final Configuration configuration;
    private final SQLDialect dialect;
    private final int maxLanes;
    private final MetricsRecorder metrics;
    private final Duration defaultTimeout;
    private final Batching batching;
    private final long windowNanos;
    private final boolean pipelines;
    private final boolean direct;
    private final H2Names h2Names;
    private final Settings quotedSettings;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger lanes = new AtomicInteger();
    private final ReentrantLock harvesting = new ReentrantLock();
    private final ShapeCache shapes = new ShapeCache();
    private final Observers observers;
    private final Failover failover;
    private final Resilience resilience;
    private final java.util.Set<Lane> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock settling = new ReentrantLock();
    private final java.util.concurrent.locks.Condition allSettled = settling.newCondition();
    private volatile boolean closing;
    private volatile boolean abandoning;
    private volatile long lastQueueTimeoutNanos;
    private volatile boolean closed;

    /**
     * @param database the database's name, for messages
     * @param dataSource where connections come from
     * @param configuration the jOOQ configuration (dialect, settings) every lane derives from
     * @param maxConcurrency how many operations may hold a connection at once: the number of lanes
     * @param metrics where operations are counted
     * @param defaultTimeout the time limit of every operation, or {@code null} for none
     * @param batching how operations issued together are combined
     * @param observers who watches the operations (SQL logging, meters, traces)
     * @param failover what to do when things fail: retries, the breaker, how long a cancel may take, the connections'
     *     network timeout, and how to evict a connection from the pool
     */
    public Dispatcher(String database, DataSource dataSource, Configuration configuration, int maxConcurrency,
            MetricsRecorder metrics, Duration defaultTimeout, Batching batching, Observers observers,
            Failover failover) {
        this.database = database;
        this.laneThreads = Thread.ofVirtual().name("grant-lane-" + database).factory();
        this.observers = observers;
        this.failover = failover;
        this.resilience = new Resilience(database, failover.retry(), failover.breaker());
        this.dataSource = dataSource;
        this.configuration = configuration;
        this.dialect = configuration.dialect();
        this.maxLanes = maxConcurrency;
        this.metrics = metrics;
        this.defaultTimeout = defaultTimeout;
        this.batching = batching;
        this.windowNanos = batching.enabled() ? batching.window().toNanos() : 0;
        // statements that skip jOOQ (pipelines, cached lookups) would escape the user's jOOQ ExecuteListeners
        this.direct = java.util.Arrays.stream(configuration.executeListenerProviders())
                .allMatch(provider -> provider.provide() == ReadFailures.LISTENER); // Grant's own: sees fetches anyway
        this.pipelines = batching.enabled() && dialect.family() == SQLDialect.POSTGRES && direct;
        this.h2Names = dialect.family() == SQLDialect.H2 ? new H2Names() : null;
        this.quotedSettings = ((Settings) configuration.settings().clone())
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS);
    }

    /** Starts {@code operation} and returns its result at once. */
    public <R> AsyncResult<R> submit(Operation<R> operation) {
        Channels bound = Bound.channelsFor(this);
        if (bound != null) {
            return bound.submit(operation); // created inside a transaction or consistent scope: runs on its connection
        }
        return submitHere(operation);
    }

    /**
     * Starts {@code operation} on this database's lanes for Grant itself (a connection of a consistent scope): owned by
     * no scope, not counted in the metrics.
     */
    <R> Task<R> submitUnowned(Operation<R> operation) {
        return submitHere(operation, Task.unowned(operation.name()));
    }

    /** Starts {@code operation} on this database's lanes, whatever is bound on this thread. */
    private <R> Task<R> submitHere(Operation<R> operation) {
        return submitHere(operation, null);
    }

    private <R> Task<R> submitHere(Operation<R> operation, Task<R> given) {
        if (closed) {
            throw new IllegalStateException("Cannot run '" + operation.name() + "': database '" + database
                    + "' is closed");
        }
        Task<R> task = given != null ? given : new Task<>(operation.name(), metrics);
        operation.submitted(task);
        Pending<R> pending = new Pending<>(this, task, operation);
        inFlight.incrementAndGet();
        pending.observeCreated();
        task.onCancel(pending);
        RuntimeException refused = resilience.refusal(where(operation));
        if (refused != null) {
            pending.failNow(refused); // the breaker is open: fail at once, without waiting for a connection
            return task;
        }
        if (defaultTimeout != null && !(operation instanceof TransactionOperation<?>)) { // it has its own limit
            Duration limit = defaultTimeout;
            pending.deadline(System.nanoTime() + limit.toNanos());
            ScheduledFuture<?> timer = Timers.after(limit, () -> task.timeout(limit));
            task.whenSettled(() -> timer.cancel(false));
        }
        if (windowNanos > 0) {
            ThreadContext.current().hold(pending, windowNanos);
        } else {
            enqueue(List.of(pending));
        }
        return task;
    }

    /** The database's name. */
    String database() {
        return database;
    }

    /** Where its operations are counted. */
    MetricsRecorder metrics() {
        return metrics;
    }

    /** The time limit of every operation, or {@code null}. */
    Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** How many operations may hold a connection at once. */
    int maxLanes() {
        return maxLanes;
    }

    /** The database's SQL dialect. */
    SQLDialect dialect() {
        return dialect;
    }

    /** What an operation's failures name: its shard, or this database. */
    private String where(Operation<?> operation) {
        String shard = operation.shard();
        return shard == null ? database : shard;
    }

    /** The breaker's state. */
    public io.grant.policy.BreakerState breakerState() {
        return resilience.state();
    }

    /**
     * Whether operations ran out of time while still waiting for a connection within the last {@code window}: the
     * database is slower to hand out connections than its callers can wait.
     */
    public boolean starved(Duration window) {
        long last = lastQueueTimeoutNanos;
        return last != 0 && System.nanoTime() - last < window.toNanos();
    }

    /** Who watches this database's operations. */
    Observers observers() {
        return observers;
    }

    /** Operations waiting for a connection right now. */
    public int waiting() {
        return queued.get();
    }

    /** Refuses new operations; queued and running ones finish. */
    public void close() {
        closed = true;
    }

    /**
     * Refuses new operations, waits up to {@code bound} for those in flight to finish, then cancels the rest: queued
     * ones never run (their results are cancelled); running statements are cancelled on the server, and their results
     * say what really happened (a write the server committed before the cancel reached it succeeded). Returns whether
     * every operation had ended when it returned; it waits at most {@code bound}, plus the time a cancel may take.
     */
    public boolean close(Duration bound) {
        closed = true;
        closing = true;
        if (awaitSettled(bound.toNanos())) {
            return true;
        }
        abandoning = true;
        cancelQueued();
        for (Lane lane : running) {
            lane.stopCurrent();
        }
        return awaitSettled(failover.cancelTimeout().toNanos() * 2 + TimeUnit.MILLISECONDS.toNanos(500));
    }

    private boolean awaitSettled(long nanos) {
        settling.lock();
        try {
            long left = nanos;
            while (inFlight.get() > 0 && left > 0) {
                left = allSettled.awaitNanos(left);
            }
            return inFlight.get() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFlight.get() == 0;
        } finally {
            settling.unlock();
        }
    }

    /**
     * Queues {@code pendings}, in order, and starts a lane for them if none is free. One lane takes what waits
     * together; a lane that leaves work behind in the queue starts the next one.
     */
    void enqueue(List<Pending<?>> pendings) {
        for (Pending<?> pending : pendings) {
            pending.queued();
        }
        queue.addAll(pendings);
        queued.addAndGet(pendings.size());
        if (abandoning) {
            cancelQueued(); // sent after close() gave up waiting: they never run
            return;
        }
        startLanes(1);
    }

    /** A queued operation was cancelled, or ran out of time, before it ran. */
    void dropped(Pending<?> pending) {
        queued.decrementAndGet();
        if (pending.task().failure() instanceof io.grant.async.AsyncTimeoutException) {
            lastQueueTimeoutNanos = System.nanoTime();
        }
    }

    /** An operation's outcome was published (or it failed at once): one fewer in flight. */
    void finished() {
        if (inFlight.decrementAndGet() == 0 && closing) {
            settling.lock();
            try {
                allSettled.signalAll();
            } finally {
                settling.unlock();
            }
        }
    }

    /** Puts {@code pending} back in the queue for another attempt, after {@code delayMillis}. */
    private void retryLater(Pending<?> pending, long delayMillis) {
        pending.backToWaiting();
        queued.incrementAndGet(); // waiting again: a cancel meanwhile drops it as a waiting operation
        Timers.after(Duration.ofMillis(delayMillis), () -> {
            pending.queued();
            queue.add(pending);
            if (abandoning) {
                cancelQueued();
            } else {
                startLanes(1);
            }
        });
    }

    /**
     * {@code error}, or a clearer one where the database's own message does not say what to do: PostgreSQL refuses the
     * NUL character in text with "invalid byte sequence for encoding UTF8: 0x00".
     */
    Throwable clarify(Throwable error) {
        if (dialect.family() == SQLDialect.POSTGRES) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "22021".equals(sql.getSQLState())
                        && String.valueOf(sql.getMessage()).contains("0x00")) {
                    return new IllegalArgumentException("PostgreSQL cannot store or compare text holding the NUL "
                            + "character (U+0000, zero bytes): remove it from the value, or keep such data as bytes "
                            + "(a byte[] column, bytea)", error);
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
        }
        return error;
    }

    /** Cancels every operation still queued: they never ran. */
    private void cancelQueued() {
        Pending<?> next;
        while ((next = queue.poll()) != null) {
            next.task().cancel();
        }
    }

    private void startLanes(int wanted) {
        for (int i = 0; i < wanted; i++) {
            int running = lanes.get();
            if (running >= maxLanes) {
                return;
            }
            if (lanes.compareAndSet(running, running + 1)) {
                laneThreads.newThread(new Lane()).start();
            } else {
                i--;
            }
        }
    }

    /**
     * What waits together for a connection, in arrival order: up to {@link Batching#maxCoalesce()} operations,
     * stopping after one that cannot be combined (a write, custom work) or at the first with batching off.
     */
    private List<Pending<?>> harvest() {
        int limit = batching.enabled() ? batching.maxCoalesce() : 1;
        List<Pending<?>> taken = new ArrayList<>();
        harvesting.lock(); // one harvest at a time, so that what was queued together is taken together
        try {
            Pending<?> next;
            while (taken.size() < limit && (next = queue.poll()) != null) {
                if (!next.take()) {
                    continue; // dropped by a cancel, which already counted it out
                }
                queued.decrementAndGet();
                taken.add(next);
                if (next.operation().batchable() == null) {
                    break;
                }
            }
        } finally {
            harvesting.unlock();
        }
        if (!taken.isEmpty() && queued.get() > 0) {
            startLanes(1); // more is waiting than this lane took: let another lane take it meanwhile
        }
        return taken;
    }

    /**
     * The units of work for a harvest, in the order of their first member: reads grouped into statements (one per
     * group key, or per read) and, where the driver pipelines, the statements sent in round trips of at most
     * {@link Batching#maxPipeline()}; every other operation alone.
     */
    private List<Unit> plan(List<Pending<?>> taken) {
        if (taken.size() == 1) {
            Pending<?> only = taken.get(0);
            Batchable<?> read = only.operation().batchable();
            if (read == null) {
                return List.of(new Alone(only));
            }
            GroupKey key = read.groupKey();
            return List.of(new Statements(key == null ? List.of(Statement.single(only))
                    : key.statements(taken, batching, dialect)));
        }
        List<Object> order = new ArrayList<>();
        Map<GroupKey, List<Pending<?>>> groups = new LinkedHashMap<>();
        for (Pending<?> pending : taken) {
            Batchable<?> read = pending.operation().batchable();
            GroupKey key = read == null ? null : read.groupKey();
            if (key == null) {
                order.add(pending);
            } else {
                List<Pending<?>> group = groups.get(key);
                if (group == null) {
                    group = new ArrayList<>();
                    groups.put(key, group);
                    order.add(key);
                }
                group.add(pending);
            }
        }
        List<Unit> units = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        for (Object item : order) {
            if (item instanceof Pending<?> pending && pending.operation().batchable() == null) {
                units.add(new Alone(pending));
            } else if (item instanceof Pending<?> pending) {
                statements.add(Statement.single(pending));
            } else {
                statements.addAll(((GroupKey) item).statements(groups.get((GroupKey) item), batching, dialect));
            }
        }
        int step = pipelines ? batching.maxPipeline() : 1;
        for (int from = 0; from < statements.size(); from += step) {
            units.add(new Statements(statements.subList(from, Math.min(statements.size(), from + step))));
        }
        return units;
    }

    // ---------------------------------------------------------------- units of work

    /**
     * Work a lane runs on its connection for some members; it is cancelled on the server once every member left
     * (cancelled or timed out), and it settles or ends every member before it returns.
     */
    abstract class Unit {
        final List<Pending<?>> members;
        final StatementGuard guard;
        private final AtomicInteger live;
        volatile Lane lane;

        Unit(List<Pending<?>> members, String name) {
            this.members = members;
            this.guard = new StatementGuard(name);
            this.live = new AtomicInteger(members.size());
        }

        /**
         * A member was cancelled or timed out; the last one to leave stops the statement, and, if the server has not
         * stopped it within the cancel timeout (a cancel black-holed by the network, a server that does not answer),
         * the connection is aborted and evicted, so that the lane and its place in the pool come back.
         */
        final void memberLeft() {
            if (live.decrementAndGet() == 0) {
                stop();
            }
        }

        /** Cancels its statement on the server; aborts the connection if that does not stop it in time. */
        final void stop() {
            guard.stop();
            Timers.after(failover.cancelTimeout(), () -> {
                Lane on = lane;
                if (on != null) {
                    on.abortIfStuck(this);
                }
            });
        }

        final boolean anyLive() {
            return live.get() > 0;
        }

        /** Runs it; every member is settled or ended when it returns. */
        abstract void run(Lane lane);
    }

    /** An operation that runs alone: a write, custom work, or a read with batching off. */
    private final class Alone extends Unit {
        private final Pending<?> pending;

        Alone(Pending<?> pending) {
            super(List.of(pending), pending.operation().name());
            this.pending = pending;
        }

        @Override
        void run(Lane lane) {
            runAlone(lane, pending);
        }

        private <R> void runAlone(Lane lane, Pending<R> member) {
            Operation<R> operation = member.operation();
            member.settle(() -> guard.runAs(() -> operation.run(lane)));
        }
    }

    /** Statements of reads: pipelined in one round trip when there are several and the driver can, else in a row. */
    private final class Statements extends Unit {
        private final List<Statement> statements;

        Statements(List<Statement> statements) {
            super(membersOf(statements), statements.size() == 1 && statements.get(0).members().size() == 1
                    ? statements.get(0).members().get(0).operation().name() : "batch of " + membersOf(statements).size());
            this.statements = statements;
        }

        @Override
        void run(Lane lane) {
            if (statements.size() > 1 && pipelines) {
                try {
                    pipeline(lane);
                    return;
                } catch (Throwable e) {
                    if (e instanceof CancellationException || guard.isStopping()) {
                        endAll();
                        return;
                    }
                    // one statement failed the round trip: run each again alone, so its error stays its own
                }
            }
            for (Statement statement : statements) {
                runIsolated(lane, statement);
            }
        }

        /**
         * Sends every statement in one round trip: one JDBC statement whose SQL is the statements joined with
         * {@code ;}, which pgjdbc sends as one Parse/Bind/Execute per statement and a single Sync. Each statement's
         * result set is read back with its own fields, so every value has its column's type.
         */
        private void pipeline(Lane lane) throws SQLException {
            DSLContext dsl = lane.dsl(null);
            StringBuilder joined = new StringBuilder();
            List<Param<?>> binds = new ArrayList<>();
            List<Field<?>[]> fields = new ArrayList<>(statements.size());
            for (Statement statement : statements) {
                ShapeCache.Prepared prepared = lane.prepare(statement);
                joined.append(joined.isEmpty() ? "" : ";\n").append(prepared.sql());
                binds.addAll(prepared.params());
                fields.add(prepared.fields());
            }
            String sql = joined.toString();
            try (PreparedStatement jdbc = lane.connection().prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    bind(jdbc, i + 1, binds.get(i));
                }
                lane.attach(jdbc);
                List<Result<Record>> results = new ArrayList<>(statements.size());
                boolean watched = lane.watchesStatements();
                long started = watched ? System.nanoTime() : 0;
                Throwable failure = null;
                try {
                    boolean hasResults = jdbc.execute();
                    lane.sent(statements.size(), 1);
                    for (int i = 0; i < statements.size(); i++) {
                        if (!hasResults) {
                            throw new IllegalStateException("statement " + (i + 1) + " of a pipeline of "
                                    + statements.size() + " returned no rows: " + statements.get(i).query(dsl));
                        }
                        try (ResultSet rows = jdbc.getResultSet()) {
                            results.add(dsl.fetch(rows, fields.get(i)));
                        }
                        hasResults = jdbc.getMoreResults();
                    }
                } catch (SQLException | RuntimeException e) {
                    failure = e;
                    throw e;
                } finally {
                    lane.detach();
                    if (watched) {
                        int rows = 0;
                        for (Result<Record> result : results) {
                            rows += result.size();
                        }
                        lane.executed(members, sql, () -> binds.stream().<Object>map(Param::getValue).toList(),
                                System.nanoTime() - started, rows, failure);
                    }
                }
                for (int i = 0; i < statements.size(); i++) {
                    statements.get(i).deliver(results.get(i));
                }
            }
        }

        /** Binds a jOOQ parameter as PostgreSQL's driver takes it: its value converted to the database type. */
        private static <T> void bind(PreparedStatement jdbc, int index, Param<T> param) throws SQLException {
            Object value = param.getDataType().getConverter().to(param.getValue());
            switch (value) {
                case null -> jdbc.setNull(index, Types.OTHER);
                case byte[] bytes -> jdbc.setBytes(index, bytes);
                case java.math.BigInteger big -> jdbc.setBigDecimal(index, new java.math.BigDecimal(big));
                default -> jdbc.setObject(index, value);
            }
        }

        /** Runs {@code statement} alone; if it fails as a whole, each of its live members alone. */
        private void runIsolated(Lane lane, Statement statement) {
            if (statement.members().stream().noneMatch(Pending::isLive)) {
                statement.members().forEach(Pending::end);
                return;
            }
            try {
                statement.run(lane);
                return;
            } catch (Throwable e) {
                if (statement.members().size() == 1 || e instanceof CancellationException || guard.isStopping()) {
                    statement.members().forEach(member -> member.fail(e));
                    return;
                }
            }
            for (Pending<?> member : statement.members()) {
                if (!member.isLive()) {
                    member.end();
                    continue;
                }
                try {
                    Statement.single(member).run(lane);
                } catch (Throwable e) {
                    member.fail(e);
                }
            }
        }

        private void endAll() {
            for (Statement statement : statements) {
                statement.members().forEach(member -> member.fail(new CancellationException("cancelled")));
            }
        }
    }

    private static List<Pending<?>> membersOf(List<Statement> statements) {
        if (statements.size() == 1) {
            return statements.get(0).members();
        }
        List<Pending<?>> all = new ArrayList<>();
        statements.forEach(statement -> all.addAll(statement.members()));
        return all;
    }

    // ---------------------------------------------------------------- lanes

    /**
     * A virtual thread with one pooled connection that runs harvests while work is queued, then gives the
     * connection back and ends.
     */
    final class Lane implements Runnable, Session {
        private volatile Connection connection;
        private DSLContext plain;
        private DSLContext quotedDsl;
        private volatile Unit current;
        private volatile boolean aborted;
        private volatile List<Pending<?>> acquiringFor;
        private final ReentrantLock acquiring = new ReentrantLock();
        private Thread thread;
        private List<Pending<?>> serving;
        long statementStarted;

        @Override
        public void run() {
            thread = Thread.currentThread();
            running.add(this);
            try {
                List<Pending<?>> taken;
                while (!(taken = harvest()).isEmpty()) {
                    if (connection == null && !open(taken)) {
                        continue;
                    }
                    List<Unit> units = plan(taken);
                    for (int i = 0; i < units.size(); i++) {
                        Unit unit = units.get(i);
                        if (connection == null && !open(unit.members)) {
                            continue; // the unit before gave its connection up, and no other could be had
                        }
                        runUnit(unit);
                        List<Pending<?>> done = retryOrDone(unit.members);
                        if (i == units.size() - 1 && queue.isEmpty()) {
                            closeConnection(); // nothing waits: the pool has it back before anyone sees the outcome
                        }
                        done.forEach(Pending::publish);
                    }
                }
            } finally {
                closeConnection();
                running.remove(this);
                lanes.decrementAndGet();
                if (queued.get() > 0) {
                    startLanes(1); // work queued while this lane was finishing
                }
            }
        }

        /**
         * Gets a connection for {@code taken}, if the breaker lets the call through; a wait that every member gives up
         * on (cancelled, out of time) is interrupted, so no lane waits for a connection nobody wants any more.
         */
        private boolean open(List<Pending<?>> taken) {
            if (!resilience.mayCall()) {
                RuntimeException unavailable = resilience.unavailable(where(taken.get(0).operation()));
                for (Pending<?> pending : taken) {
                    pending.fail(unavailable);
                    pending.publish();
                }
                return false;
            }
            long started = System.nanoTime();
            acquiring.lock();
            try {
                acquiringFor = taken;
            } finally {
                acquiring.unlock();
            }
            taken.forEach(pending -> pending.acquiring(this));
            try {
                if (taken.stream().noneMatch(Pending::isLive)) {
                    throw new InterruptedException("every operation gave up before a connection was asked for");
                }
                Connection opened = dataSource.getConnection();
                if (failover.networkTimeout() != null) {
                    opened.setNetworkTimeout(Timers.executor(), (int) failover.networkTimeout().toMillis());
                }
                connection = opened;
                aborted = false;
                // one copy of the configuration per connection, not two: the listener goes into the fresh copy
                Configuration derived = configuration.derive(new DefaultConnectionProvider(opened));
                ExecuteListenerProvider[] listeners = derived.executeListenerProviders();
                ExecuteListenerProvider[] withLane = Arrays.copyOf(listeners, listeners.length + 1);
                withLane[listeners.length] = new DefaultExecuteListenerProvider(new LaneListener(this));
                derived.set(withLane);
                plain = derived.dsl();
                quotedDsl = null;
                resilience.record(System.nanoTime() - started, null);
                return true;
            } catch (Throwable e) {
                Thread.interrupted(); // an interrupt meant for the wait must not reach later work
                boolean abandoned = taken.stream().noneMatch(Pending::isLive);
                if (abandoned) {
                    resilience.released();
                } else {
                    resilience.record(System.nanoTime() - started, e);
                }
                SQLException failure = e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
                List<Pending<?>> done = new ArrayList<>();
                for (Pending<?> pending : taken) {
                    if (!pending.isLive()) {
                        pending.end();
                        done.add(pending);
                    } else if (!retry(pending, failure)) {
                        pending.fail(failure);
                        done.add(pending);
                    }
                }
                done.forEach(Pending::publish);
                return false;
            } finally {
                acquiring.lock();
                try {
                    acquiringFor = null; // from now on memberGone() interrupts nothing
                } finally {
                    acquiring.unlock();
                }
                Thread.interrupted(); // one it sent before that was meant for the wait, not for what runs next
                taken.forEach(pending -> pending.acquiring(null));
            }
        }

        /** A member this lane is getting a connection for gave up; if every one did, the wait is interrupted. */
        void memberGone() {
            acquiring.lock(); // never interrupts once the wait is over: an interrupt during I/O breaks the connection
            try {
                List<Pending<?>> waiting = acquiringFor;
                Thread lane = thread;
                if (waiting != null && lane != null && waiting.stream().noneMatch(Pending::isLive)) {
                    lane.interrupt();
                }
            } finally {
                acquiring.unlock();
            }
        }

        private void runUnit(Unit unit) {
            current = unit;
            unit.lane = this;
            unit.guard.bind(Thread.currentThread());
            for (Pending<?> member : unit.members) {
                member.joined(unit);
            }
            long started = System.nanoTime();
            boolean called = false;
            try {
                if (!unit.anyLive()) {
                    unit.members.forEach(Pending::end);
                    return;
                }
                if (!resilience.mayCall()) {
                    RuntimeException unavailable = resilience.unavailable(where(unit.members.get(0).operation()));
                    unit.members.forEach(member -> member.fail(unavailable));
                    return;
                }
                called = true;
                unit.run(this);
            } catch (Throwable e) {
                unit.members.forEach(member -> member.fail(e));
            } finally {
                unit.guard.interruptible(false);
                current = null;
                unit.lane = null;
                if (called) {
                    afterCall(unit, System.nanoTime() - started);
                }
            }
        }

        /**
         * Tells the breaker how the call went (a connection-class failure counts against it; a connection this lane
         * aborted itself does not), and gives up a connection that failed or was aborted, so the next unit gets a
         * healthy one.
         */
        private void afterCall(Unit unit, long nanos) {
            Throwable connectionFailure = null;
            for (Pending<?> member : unit.members) {
                Throwable error = member.producedError();
                if (error != null && io.grant.policy.Failures.isConnectionFailure(error)) {
                    connectionFailure = error;
                    break;
                }
            }
            if (aborted) {
                resilience.released();
                discardConnection();
            } else {
                resilience.record(nanos, connectionFailure);
                if (connectionFailure != null || unit instanceof Alone && !autoCommitting()) {
                    discardConnection();
                }
            }
        }

        /**
         * Whether the connection is back in auto-commit mode, as every unit must leave it. One whose rollback failed
         * leaves it off, with what the rollback could not undo still open: reused, the next unit's writes would join
         * that transaction, and turning auto-commit on would commit it; it is given up instead. Asked only after a unit
         * that runs alone (a transaction, a write, the user's work): Grant's batched reads never touch auto-commit.
         */
        private boolean autoCommitting() {
            Connection open = connection;
            try {
                return open == null || open.getAutoCommit();
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        /**
         * The members whose outcome is final, to publish; those that failed transiently and may run again are put back
         * in the queue instead, after their backoff.
         */
        private List<Pending<?>> retryOrDone(List<Pending<?>> members) {
            List<Pending<?>> done = null;
            for (int i = 0; i < members.size(); i++) {
                Pending<?> member = members.get(i);
                Throwable error = member.producedError();
                if (error != null && retry(member, error)) {
                    if (done == null) {
                        done = new ArrayList<>(members.subList(0, i));
                    }
                } else if (done != null) {
                    done.add(member);
                }
            }
            return done == null ? members : done;
        }

        /** Whether {@code member} runs again after {@code error}; if so it is already on its way back to the queue. */
        private boolean retry(Pending<?> member, Throwable error) {
            long delay = resilience.retryDelayMillis(member, error, member.deadlineNanos());
            if (delay < 0) {
                return false;
            }
            retryLater(member, delay);
            return true;
        }

        /** If {@code unit} is still running a statement the server did not stop, aborts the connection under it. */
        void abortIfStuck(Unit unit) {
            Connection stuck = connection;
            if (current != unit || !unit.guard.hasStatement() || stuck == null) {
                return;
            }
            unit.guard.abandon();
            aborted = true;
            try {
                stuck.abort(Timers.executor());
            } catch (SQLException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Dispatcher.class).debug("Aborting a connection of '{}' failed",
                        database, e);
            }
            failover.evict(stuck);
        }

        /**
         * For close(): stops the unit running now, as if all its members had left. Their outcomes stay true: a member
         * whose statement the server cancelled is cancelled (saying that close() did it), one that finished first keeps
         * its value, one that failed otherwise keeps its error.
         */
        void stopCurrent() {
            Unit unit = current;
            if (unit != null) {
                unit.members.forEach(Pending::stoppedByClose);
                unit.stop();
            }
        }

        private void discardConnection() {
            Connection broken = connection;
            if (broken != null) {
                failover.evict(broken);
            }
            closeConnection();
        }

        private void closeConnection() {
            Connection open = connection;
            if (open != null) {
                connection = null;
                try {
                    open.close();
                } catch (SQLException | RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(Dispatcher.class).debug("Closing a connection of '{}' failed",
                            database, e);
                }
            }
        }

        @Override
        public DSLContext dsl(String table) throws SQLException {
            if (!quoted(table)) {
                return plain;
            }
            if (quotedDsl == null) {
                quotedDsl = plain.configuration().derive(quotedSettings).dsl();
            }
            return quotedDsl;
        }

        @Override
        public boolean quoted(String table) throws SQLException {
            return h2Names != null && table != null && !SqlNames.needsQuotes(table)
                    && h2Names.createdQuoted(connection, table);
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public Result<Record> fetch(Statement statement) throws SQLException {
            DSLContext dsl = dsl(statement.table());
            ShapeCache.Prepared prepared = shapes.prepare(statement, dsl, dsl == plain ? "" : "quoted");
            serving = statement.members();
            try {
                return dsl.resultQuery(prepared.sql(), prepared.params().toArray()).coerce(prepared.fields()).fetch();
            } finally {
                serving = null;
            }
        }

        @Override
        public boolean direct() {
            return direct;
        }

        @Override
        public void discard() {
            aborted = true; // given up after the unit, like an aborted one
        }

        /** {@code statement} ready to be sent in a pipeline (PostgreSQL: no quoting variants). */
        ShapeCache.Prepared prepare(Statement statement) {
            return shapes.prepare(statement, plain, "");
        }

        @Override
        public void attach(java.sql.Statement statement) {
            current.guard.attach(statement);
        }

        @Override
        public void detach() {
            Unit unit = current;
            if (unit != null) {
                unit.guard.detach();
            }
        }

        @Override
        public void sent(int statements, int trips) {
            metrics.sent(statements, trips);
        }

        StatementGuard guard() {
            Unit unit = current;
            return unit == null ? null : unit.guard;
        }

        /** Tells the observers about the statement jOOQ just ran: for the statement it serves, or the running unit. */
        void observe(ExecuteContext ctx) {
            if (ctx.sql() == null || !observers.watchesStatements()) {
                return;
            }
            org.jooq.Result<?> result = ctx.result();
            int rows = result != null ? result.size() : ctx.rows();
            org.jooq.Query query = ctx.query();
            Unit unit = current;
            List<Pending<?>> members = serving != null ? serving : unit != null ? unit.members : List.of();
            observers.statement(new Observer.Executed(database, members, ctx.sql(),
                    query == null ? List::of : query::getBindValues, System.nanoTime() - statementStarted, rows,
                    ctx.exception()));
        }

        @Override
        public boolean watchesStatements() {
            return observers.watchesStatements();
        }

        @Override
        public void executed(List<Pending<?>> members, String sql, java.util.function.Supplier<List<Object>> binds,
                long nanos, int rows, Throwable error) {
            observers.statement(new Observer.Executed(database, members, sql, binds, nanos, rows, error));
        }
    }

    /** Attaches each statement jOOQ runs on a lane's connection to the running unit's guard, and counts it. */
    @SuppressWarnings("serial") // ExecuteListener is Serializable by inheritance; never serialized
    private static final class LaneListener implements org.jooq.ExecuteListener {
        private static final long serialVersionUID = 1L;
        private final transient Lane lane;

        LaneListener(Lane lane) {
            this.lane = lane;
        }

        @Override
        public void prepareStart(ExecuteContext ctx) {
            lane.statementStarted = System.nanoTime(); // a statement that fails to prepare is timed too
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            StatementGuard guard = lane.guard();
            if (guard != null) {
                guard.attach(ctx.statement());
            }
            lane.sent(1, 1);
        }

        @Override
        public void executeEnd(ExecuteContext ctx) {
            lane.detach();
        }

        @Override
        public void exception(ExecuteContext ctx) {
            lane.detach();
        }

        @Override
        public void end(ExecuteContext ctx) {
            lane.detach();
            lane.observe(ctx);
        }
    }

    @Override
    public String toString() {
        return "Dispatcher[" + database + ", lanes=" + lanes.get() + "/" + maxLanes + ", queued=" + queued.get() + "]";
    }
}
