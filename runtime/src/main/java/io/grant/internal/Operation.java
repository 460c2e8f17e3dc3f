package io.grant.internal;

import org.jooq.DSLContext;

/**
 * One unit of database work, as data: what it is called and what it runs on a connection. The executor of
 * a database ({@link DbExecutor}) alone decides when and where it runs. Not API.
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

    /** Runs the work on {@code dsl}, which is bound to one pooled connection for this call. */
    R execute(DSLContext dsl);
}
