package io.grant;

import org.jooq.DSLContext;

/**
 * A transaction of a {@link Grant}, as its work sees it. Every Grant operation for the same database created inside
 * the work (on its thread, or in an {@code AsyncScope} opened there) runs on this transaction's connection, in the
 * order created; {@link #dsl()} runs jOOQ there too.
 */
public interface Transaction {

    /** jOOQ on the transaction's connection. */
    DSLContext dsl();

    /** The database the transaction runs on. */
    Grant database();

    /** How many times the work ran before this run: {@code 0}, or more after a serialization failure or deadlock. */
    int attempt();

    /** Whether this is a nested transaction: a savepoint of the transaction it runs in. */
    boolean nested();
}
