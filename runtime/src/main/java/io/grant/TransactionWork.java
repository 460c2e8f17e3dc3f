package io.grant;

/**
 * The work of a transaction ({@code db.transaction(tx -> ...)}): what it returns is committed, what it throws rolls
 * it back.
 *
 * @param <T> what the work produces
 */
@FunctionalInterface
public interface TransactionWork<T> {

    /** Runs inside the transaction; {@code tx.dsl()} is jOOQ on its connection. */
    T run(Transaction tx) throws Exception;
}
