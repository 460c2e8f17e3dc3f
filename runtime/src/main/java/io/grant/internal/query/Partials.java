package io.grant.internal.query;

import java.math.BigDecimal;
import java.util.List;

/** What shards answer for a merged result, besides plain values. Not API. */
public final class Partials {

    private Partials() {}

    /**
     * An exact sum and the number of values it adds up: one shard's share of a global average.
     *
     * @param sum the sum, {@code null} when there were no values
     * @param count how many non-NULL values were added
     */
    public record SumCount(BigDecimal sum, long count) {}

    /**
     * A value and what it was ordered by.
     *
     * @param key the values of the order's fields, in order (may hold {@code null}s)
     * @param value the row or column value
     * @param <V> the value's type
     */
    public record Keyed<V>(List<Object> key, V value) {}
}
