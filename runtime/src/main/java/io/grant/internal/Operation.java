package io.grant.internal;

import org.jooq.DSLContext;

/**
 * One database operation as a {@link Dispatcher} sees it: what it is called, what it runs alone on a connection,
 * and, for reads, how it may be combined with others issued together ({@link #batchable()}). Not API.
 *
 * @param <R> what the operation produces
 */
public interface Operation<R> {

    /** The name results and errors carry, e.g. {@code "User.count"}. */
    String name();

    /** The table the operation reads or writes, if it is about one model's table; {@code null} otherwise. */
    default String table() {
        return null;
    }

    /** The shard it was routed to, or {@code null}. */
    default String shard() {
        return null;
    }

    /** What it does, for meters: {@code count}, {@code find}, {@code update}, ...; {@code custom} for other work. */
    default String kind() {
        return "custom";
    }

    /** Whether it only reads (custom work is not known to). */
    default boolean readOnly() {
        return false;
    }

    /**
     * Whether the dispatcher may run it again after a transient failure (as its retry policy says); a transaction,
     * which retries only itself and only on serialization failures, says no.
     */
    default boolean retriable() {
        return true;
    }

    /** Its result was created: called once, before it can run. */
    default void submitted(Task<R> task) {}

    /** Whether it changes data (Grant's own writes: insert, update, delete, ...); custom work is not known to. */
    default boolean writes() {
        return !readOnly() && !"custom".equals(kind());
    }

    /** Runs the operation alone on the connection of {@code session}: by default {@link #execute} on its jOOQ. */
    default R run(Session session) throws Exception {
        return execute(session.dsl(table()));
    }

    /** Runs the operation alone on {@code dsl}, which is bound to one pooled connection for this call. */
    R execute(DSLContext dsl) throws Exception;

    /** How this operation may share a statement or a round trip with others; {@code null}: it never does. */
    default Batchable<R> batchable() {
        return null;
    }
}
