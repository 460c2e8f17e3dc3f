package io.grant.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;

/**
 * A read that can be combined with others issued together: one query whose result it decodes, and optionally a
 * {@link GroupKey} under which several such reads become ONE statement (fused aggregates, coalesced lookups).
 * What is not grouped still shares a round trip where the driver pipelines statements. Not API.
 *
 * @param <R> what the read produces
 */
public interface Batchable<R> {

    /** Reads with equal keys may run as one statement; {@code null}: this read only shares a round trip. */
    default GroupKey groupKey() {
        return null;
    }

    /**
     * What the SQL of {@link #query} looks like, values aside: reads with equal keys render the same SQL, so it is
     * rendered once per key and reused. {@code null} when not known (raw jOOQ conditions): rendered every time.
     */
    default Object shapeKey() {
        return null;
    }

    /** See {@link Statement#values()}. */
    default java.util.List<Object> values() {
        return null;
    }

    /** See {@link Statement#constants()}. */
    default java.util.Set<Object> constants() {
        return java.util.Set.of();
    }

    /** The query of this read alone. */
    ResultQuery<Record> query(DSLContext dsl);

    /** The value of this read from the result of {@link #query}. */
    R decode(Result<Record> result);
}
