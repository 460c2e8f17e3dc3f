package io.grant.internal;

import io.grant.async.AsyncResult;
import java.util.List;
import java.util.Map;

/**
 * Watches what a database's operations do, for SQL logging, meters and traces. Every method has a no-op default (as
 * HikariCP's {@code IMetricsTracker} does), so the hot path never asks whether anyone is watching; a database with
 * several observers has one {@link Observers composite}. Methods must not block and must not throw (what they throw
 * is logged and ignored). Not API.
 */
public interface Observer {

    /** Watches nothing. */
    Observer NONE = new Observer() {};

    /**
     * Whether it watches operations ({@link #created}, {@link #started}, {@link #ended}); asked once, when it is added.
     * One that only watches statements (SQL logging) says no, so that an operation costs it nothing.
     */
    default boolean watchesOperations() {
        return true;
    }

    /**
     * Whether it wants the next statement described ({@link #statement}); asked before each statement, so that a
     * statement nobody wants is never described (SQL logging says no while its logger is off).
     */
    default boolean watchesStatements() {
        return true;
    }

    /**
     * An operation was created, on the thread that created it (so that a trace can take the span current there as
     * its parent). What it returns is handed back with this operation's other events.
     */
    default Object created(Observed operation) {
        return null;
    }

    /** The operation left the queue for a connection, after waiting {@code waitedNanos} for one. */
    default void started(Observed operation, Object context, long waitedNanos) {}

    /** A statement ran on the database, for one operation or for several combined. */
    default void statement(Executed statement) {}

    /**
     * The operation ended: {@code outcome} {@code SUCCESS}, {@code FAILED} ({@code error} says why) or
     * {@code CANCELLED} ({@code timedOut} when it ran out of time), {@code nanos} after it was created.
     */
    default void ended(Observed operation, Object context, AsyncResult.State outcome, boolean timedOut, Throwable error,
            long nanos) {}

    /**
     * An operation fans out over shards on the current thread ({@code acrossShards()},
     * {@code executeAcrossShards}): the operations created on each shard until {@link FanOut#close()} belong to it (a
     * trace makes its span current meanwhile). {@link FanOut#NONE} when it does not watch fan-outs.
     */
    default FanOut fanOut(String operation, List<String> shards) {
        return FanOut.NONE;
    }

    /** A fan-out in progress. */
    interface FanOut {

        /** Watches nothing. */
        FanOut NONE = new FanOut() {
            @Override
            public void close() {}

            @Override
            public void ended(Map<String, Throwable> failures) {}
        };

        /** The shards' operations were created; on the thread that began the fan-out. */
        void close();

        /**
         * Every shard's result settled; {@code failures} holds the shards that failed or timed out (not those merely
         * cancelled), in shard order, each with its error. Called once, on any thread.
         */
        void ended(Map<String, Throwable> failures);
    }

    /** What an observer sees of an operation. */
    interface Observed {
        /** The database's name. */
        String database();

        /** The shard it runs on, or {@code null}. */
        String shard();

        /** Its name: {@code "User.count"}, {@code "User.count@eu"}. */
        String name();

        /** What it does: {@code count}, {@code find}, {@code update}, ..., or {@code custom} for {@code db.async}. */
        String kind();

        /** Whether it only reads. */
        boolean readOnly();
    }

    /** An {@link Observed} that is one {@link Operation}: it says what the operation says. */
    interface ObservedOperation extends Observed {
        /** The operation. */
        Operation<?> operation();

        @Override
        default String shard() {
            return operation().shard();
        }

        @Override
        default String name() {
            return operation().name();
        }

        @Override
        default String kind() {
            return operation().kind();
        }

        @Override
        default boolean readOnly() {
            return operation().readOnly();
        }
    }

    /**
     * A statement that ran.
     *
     * @param database the database's name
     * @param operations the operations it answered (none for a statement run through {@code db.dsl()} outside any
     *     operation)
     * @param sql its SQL, with {@code ?} for bind values
     * @param binds its bind values, in order (empty when not known); computed when asked for
     * @param nanos how long it ran, from sending to the last row read
     * @param rows the rows it returned or changed ({@code -1} when not known)
     * @param error why it failed, or {@code null}
     */
    record Executed(String database, List<? extends Observed> operations, String sql,
            java.util.function.Supplier<List<Object>> binds, long nanos, int rows, Throwable error) {}
}
