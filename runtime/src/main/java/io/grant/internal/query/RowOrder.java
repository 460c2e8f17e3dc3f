package io.grant.internal.query;

import io.grant.internal.query.Partials.Keyed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.SortOrder;
import org.jooq.impl.QOM;

/**
 * A query's order, made the same on every shard and in Java, so that per-shard sorted lists merge into one
 * sorted list.
 *
 * <p>Databases disagree on where NULLs go when the order does not say (PostgreSQL puts them last in
 * ascending order, MariaDB and H2 first), so every sort field is sent with an explicit {@code NULLS FIRST}
 * or {@code NULLS LAST}: the one it was given, else NULLs as the largest value (last ascending, first
 * descending), and this comparator places NULLs the same way. Values compare by their natural order; numbers
 * of different types by their exact value; {@code byte[]} unsigned, byte by byte. Text compares by
 * {@link String#compareTo} (UTF-16 code units), which is the order of a binary ("C") collation: shards that
 * sort text under another collation merge correctly only where it agrees.
 */
public final class RowOrder implements Comparator<List<Object>> {

    private final List<SortField<?>> sortFields;
    private final boolean[] descending;
    private final boolean[] nullsFirst;

    private RowOrder(List<SortField<?>> sortFields, boolean[] descending, boolean[] nullsFirst) {
        this.sortFields = sortFields;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    /** {@code order} with every NULL placement made explicit. */
    public static RowOrder of(List<SortField<?>> order) {
        int n = order.size();
        boolean[] descending = new boolean[n];
        boolean[] nullsFirst = new boolean[n];
        for (int i = 0; i < n; i++) {
            SortField<?> sort = order.get(i);
            descending[i] = sort.$sortOrder() == SortOrder.DESC;
            QOM.NullOrdering nulls = sort.$nullOrdering();
            nullsFirst[i] = nulls == null ? descending[i] : nulls == QOM.NullOrdering.NULLS_FIRST;
        }
        return new RowOrder(build(order, descending, nullsFirst), descending, nullsFirst);
    }

    /** The opposite order: every direction and NULL placement flipped. */
    public RowOrder opposite() {
        boolean[] flippedOrder = new boolean[descending.length];
        boolean[] flippedNulls = new boolean[nullsFirst.length];
        for (int i = 0; i < descending.length; i++) {
            flippedOrder[i] = !descending[i];
            flippedNulls[i] = !nullsFirst[i];
        }
        return new RowOrder(build(sortFields, flippedOrder, flippedNulls), flippedOrder, flippedNulls);
    }

    private static List<SortField<?>> build(List<SortField<?>> order, boolean[] descending, boolean[] nullsFirst) {
        List<SortField<?>> built = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            Field<?> field = order.get(i).$field();
            SortField<?> sort = field.sort(descending[i] ? SortOrder.DESC : SortOrder.ASC);
            built.add(nullsFirst[i] ? sort.nullsFirst() : sort.nullsLast());
        }
        return List.copyOf(built);
    }

    /** Whether there is any order at all. */
    public boolean isEmpty() {
        return sortFields.isEmpty();
    }

    /** The sort fields to send to every shard. */
    public SortField<?>[] sortFields() {
        return sortFields.toArray(SortField<?>[]::new);
    }

    @Override
    public int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < descending.length; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x == null || y == null) {
                c = x == y ? 0 : (x == null) == nullsFirst[i] ? -1 : 1;
            } else {
                c = descending[i] ? compareValues(y, x) : compareValues(x, y);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * Merges per-shard lists, each sorted in this order, into the first {@code limit} values of all of them
     * ({@code limit < 0}: all), in this order; equal keys keep shard order.
     */
    public <V> List<V> merge(List<List<Keyed<V>>> perShard, int limit) {
        record Cursor<V>(List<Keyed<V>> rows, int shard, int position) {
            Keyed<V> head() {
                return rows.get(position);
            }
        }
        Comparator<Cursor<V>> byHead = Comparator.<Cursor<V>, List<Object>>comparing(cursor -> cursor.head().key(), this)
                .thenComparingInt(Cursor::shard);
        PriorityQueue<Cursor<V>> heads = new PriorityQueue<>(Math.max(1, perShard.size()), byHead);
        int total = 0;
        for (int i = 0; i < perShard.size(); i++) {
            total += perShard.get(i).size();
            if (!perShard.get(i).isEmpty()) {
                heads.add(new Cursor<>(perShard.get(i), i, 0));
            }
        }
        int wanted = limit < 0 ? total : Math.min(limit, total);
        List<V> merged = new ArrayList<>(wanted);
        while (merged.size() < wanted) {
            Cursor<V> next = heads.remove();
            merged.add(next.head().value());
            if (next.position() + 1 < next.rows().size()) {
                heads.add(new Cursor<>(next.rows(), next.shard(), next.position() + 1));
            }
        }
        return merged;
    }

    /**
     * Compares two non-null values of one column: naturally, numbers of different types by exact value,
     * {@code byte[]} unsigned.
     *
     * @throws IllegalStateException if the values cannot be compared
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // same-class Comparables compare with each other
    public static int compareValues(Object x, Object y) {
        if (x instanceof Number a && y instanceof Number b && x.getClass() != y.getClass()) {
            return exact(a).compareTo(exact(b));
        }
        if (x instanceof byte[] a && y instanceof byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }
        if (x instanceof Comparable c && x.getClass() == y.getClass()) {
            return c.compareTo(y);
        }
        throw new IllegalStateException("Cannot compare " + x.getClass().getName() + " with "
                + y.getClass().getName() + " across shards");
    }

    /** {@code n} exactly; floating-point values by their decimal form. */
    public static BigDecimal exact(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(f.toString());
            default -> BigDecimal.valueOf(n.longValue());
        };
    }
}
