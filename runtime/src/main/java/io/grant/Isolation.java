package io.grant;

/** A transaction's isolation level. */
public enum Isolation {
    /** Each statement sees what was committed before it began. */
    READ_COMMITTED,
    /** Every statement sees what was committed before the transaction's first one. */
    REPEATABLE_READ,
    /** As if the transactions ran one after another; the database fails one that could not (SQLState 40001). */
    SERIALIZABLE
}
