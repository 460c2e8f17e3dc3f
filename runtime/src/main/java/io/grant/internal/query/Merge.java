package io.grant.internal.query;

import io.grant.internal.query.Computation.Avg;
import io.grant.internal.query.Computation.Count;
import io.grant.internal.query.Computation.Delete;
import io.grant.internal.query.Computation.Edge;
import io.grant.internal.query.Computation.Exists;
import io.grant.internal.query.Computation.Extreme;
import io.grant.internal.query.Computation.KeyedRows;
import io.grant.internal.query.Computation.KeyedValues;
import io.grant.internal.query.Computation.Lookup;
import io.grant.internal.query.Computation.Pick;
import io.grant.internal.query.Computation.Pluck;
import io.grant.internal.query.Computation.RowWrite;
import io.grant.internal.query.Computation.Select;
import io.grant.internal.query.Computation.Sum;
import io.grant.internal.query.Computation.SumCount;
import io.grant.internal.query.Computation.Update;
import io.grant.query.Column;
import io.grant.query.NumericColumn;
import io.grant.query.RecordNotFoundException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.SortField;

/**
 * How a computation runs across shards as if all shards were one table: the computation each shard runs
 * ({@link #part}), over which of its rows ({@link #rows}), and how the shards' answers combine ({@link #combine}),
 * in shard order. {@link #of} is the one place that says it, for every kind of computation:
 *
 * <ul>
 *   <li>{@code count}, {@code sum}: added up. {@code avg}: total sum / total count (each shard reports its exact sum
 *       and its count of non-NULL values; averages are never averaged), to 34 significant digits. {@code min},
 *       {@code max}: over the shards' values. {@code exists}: whether any shard has a row.
 *   <li>Lists: concatenated in shard order; with an order, merged into the global order ({@link RowOrder}), and a
 *       limit {@code n} gives the global first {@code n} (each shard is asked for its first {@code n}).
 *   <li>{@code first}, {@code last}: the global first and last row by the order, or by the id without one.
 *       {@code pick}: with an order the global first; without, the value of the first shard that has a row.
 *       Lookups: the row of the first shard, in shard order, that has one.
 *   <li>With a limit, aggregates run over the global window: {@code count} is {@code min(n, total)}, {@code sum},
 *       {@code avg}, {@code min}, {@code max} over the values of the global first {@code n} rows.
 *   <li>Writes: the row counts added up. Writes of given rows ({@link RowWrite}: {@code insert}, {@code save},
 *       {@code upsert}, {@code deleteById}) are not merged: they go to one shard.
 * </ul>
 * Not API.
 *
 * @param part what each shard computes
 * @param rows the rows each shard computes it over
 * @param combine the merged value, from each shard's answer in shard order
 * @param <M> the model
 * @param <P> each shard's answer
 * @param <R> the merged result
 */
public record Merge<M, P, R>(Computation<M, P> part, QuerySpec<M> rows, Function<List<P>, R> combine) {

    /**
     * How {@code computation} merges over the rows of {@code where} (its conditions), in {@code order}, limited to
     * the global first {@code limit} rows ({@code < 0}: all).
     */
    public static <M, R> Merge<M, ?, R> of(Computation<M, R> computation, QuerySpec<M> where,
            List<SortField<?>> order, int limit) {
        RowOrder rowOrder = RowOrder.of(order);
        @SuppressWarnings("unchecked") // each case below builds the merge of its own computation, whose R it is
        Merge<M, ?, R> merge = (Merge<M, ?, R>) build(computation, where, rowOrder, limit);
        return merge;
    }

    @SuppressWarnings("unchecked") // a computation of model M: every record below is of M too
    private static <M> Merge<M, ?, ?> build(Computation<M, ?> computation, QuerySpec<M> where, RowOrder order,
            int limit) {
        return switch (computation) {
            case Count<?> count -> new Merge<>((Count<M>) count, rows(where, order, limit),
                    (List<Long> counts) -> limit < 0 ? total(counts) : Math.min(limit, total(counts)));
            case Sum<?, ?> sum -> sum((Sum<M, ?>) sum, where, order, limit);
            case Avg<?> avg -> avg((Avg<M>) avg, where, order, limit);
            case Extreme<?, ?> extreme -> extreme((Extreme<M, ?>) extreme, where, order, limit);
            case Exists<?> exists -> new Merge<>((Exists<M>) exists, rows(where, order, limit),
                    (List<Boolean> answers) -> answers.contains(Boolean.TRUE));
            case Pluck<?, ?> pluck -> window(((Pluck<M, ?>) pluck).column(), where, order, limit, values -> values);
            case Select<?> select -> new Merge<>(new KeyedRows<M>(select.name()), rows(where, order, limit),
                    (List<List<Partials.Keyed<M>>> parts) -> Collections.unmodifiableList(order.merge(parts, limit)));
            case Pick<?, ?> pick -> pick((Pick<M, ?>) pick, where, order, limit);
            case Edge<?> edge -> edge((Edge<M>) edge, where, order, limit);
            case Lookup<?, ?> lookup -> lookup((Lookup<M, ?>) lookup, where, order, limit);
            case Update<?> update -> new Merge<>((Update<M>) update, rows(where, order, -1), Merge::total);
            case Delete<?> delete -> new Merge<>((Delete<M>) delete, rows(where, order, -1), Merge::total);
            case RowWrite<?, ?> write -> throw new IllegalArgumentException(where.table().modelName() + "."
                    + write.label() + " writes on one database and is not run across shards; choose the shard with "
                    + "onShard(name), forKey(key) or ShardManager.withShard");
            case SumCount<?> part -> throw unmergeable(part);
            case KeyedRows<?> part -> throw unmergeable(part);
            case KeyedValues<?, ?> part -> throw unmergeable(part);
        };
    }

    private static <M> Merge<M, ?, Optional<BigDecimal>> avg(Avg<M> avg, QuerySpec<M> where, RowOrder order,
            int limit) {
        if (limit >= 0) {
            return window(avg.column(), where, order, limit, values -> {
                List<Number> present = values.stream().filter(Objects::nonNull).<Number>map(v -> v).toList();
                return average(exactSum(present), present.size());
            });
        }
        return new Merge<>(new SumCount<>(avg.column()), rows(where, order, -1), parts -> {
            BigDecimal sum = BigDecimal.ZERO;
            long count = 0;
            for (Partials.SumCount part : parts) {
                sum = part.sum() == null ? sum : sum.add(part.sum());
                count = Math.addExact(count, part.count());
            }
            return average(sum, count);
        });
    }

    private static IllegalArgumentException unmergeable(Computation<?, ?> part) {
        return new IllegalArgumentException(part + " is already one shard's part of a merge");
    }

    /** {@code where} as one shard runs it: in {@code order}, at most {@code limit} rows ({@code < 0}: all). */
    private static <M> QuerySpec<M> rows(QuerySpec<M> where, RowOrder order, int limit) {
        QuerySpec<M> ordered = order.isEmpty() ? where : where.orderBy(List.of(order.sortFields()));
        return limit < 0 ? ordered : ordered.limit(limit);
    }

    /** The values of {@code column} in the global first {@code limit} rows in {@code order}, finished. */
    private static <M, T, R> Merge<M, List<Partials.Keyed<T>>, R> window(Column<M, T> column, QuerySpec<M> where,
            RowOrder order, int limit, Function<List<T>, R> finish) {
        return new Merge<>(new KeyedValues<>(column, "values(" + column.name() + ")"), rows(where, order, limit),
                parts -> finish.apply(order.merge(parts, limit)));
    }

    private static <M, S extends Number> Merge<M, ?, S> sum(Sum<M, S> sum, QuerySpec<M> where, RowOrder order,
            int limit) {
        NumericColumn<M, ?, S> column = sum.column();
        if (limit >= 0) {
            return window(column, where, order, limit, values -> column.toSum(exactSum(values)));
        }
        return new Merge<>(sum, rows(where, order, -1), sums -> column.toSum(exactSum(sums)));
    }

    private static <M, T> Merge<M, ?, Optional<T>> extreme(Extreme<M, T> extreme, QuerySpec<M> where, RowOrder order,
            int limit) {
        if (limit >= 0) {
            return window(extreme.column(), where, order, limit, values -> extremeOf(values, extreme.max()));
        }
        return new Merge<>(extreme, rows(where, order, -1),
                values -> extremeOf(values.stream().map(value -> value.orElse(null)).toList(), extreme.max()));
    }

    private static <M, T> Merge<M, ?, Optional<T>> pick(Pick<M, T> pick, QuerySpec<M> where, RowOrder order,
            int limit) {
        if (order.isEmpty()) {
            return new Merge<>(pick, rows(where, order, limit), Merge::firstPresent);
        }
        return window(pick.column(), where, order, Math.min(limit < 0 ? 1 : limit, 1),
                values -> values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0)));
    }

    private static <M> Merge<M, ?, Optional<M>> edge(Edge<M> edge, QuerySpec<M> where, RowOrder order, int limit) {
        RowOrder ordered = order.isEmpty()
                ? RowOrder.of(List.<SortField<?>>of(where.table().id().field().asc())) : order;
        if (!edge.last()) {
            return rows("first", where, ordered, Math.min(limit < 0 ? 1 : limit, 1), rows -> rows.stream().findFirst());
        }
        if (limit >= 0) {
            return rows("last", where, ordered, limit,
                    rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1)));
        }
        return rows("last", where, ordered.opposite(), 1, rows -> rows.stream().findFirst());
    }

    private static <M, R> Merge<M, ?, R> rows(String name, QuerySpec<M> where, RowOrder order, int limit,
            Function<List<M>, R> finish) {
        return new Merge<>(new KeyedRows<>(name), rows(where, order, limit),
                parts -> finish.apply(Collections.unmodifiableList(order.merge(parts, limit))));
    }

    private static <M, T> Merge<M, ?, Optional<M>> lookup(Lookup<M, T> lookup, QuerySpec<M> where, RowOrder order,
            int limit) {
        Lookup<M, T> onEachShard = new Lookup<>(lookup.column(), lookup.value(), lookup.name(), false);
        return new Merge<>(onEachShard, rows(where, order, limit), rows -> {
            Optional<M> found = firstPresent(rows);
            if (found.isEmpty() && lookup.orThrow()) {
                throw new RecordNotFoundException(where.table().modelName(), lookup.value());
            }
            return found;
        });
    }

    // ---------------------------------------------------------------- combining

    private static <T> Optional<T> firstPresent(List<Optional<T>> values) {
        return values.stream().filter(Optional::isPresent).findFirst().flatMap(value -> value);
    }

    private static Long total(List<Long> counts) {
        long total = 0;
        for (Long count : counts) {
            total = Math.addExact(total, count);
        }
        return total;
    }

    private static BigDecimal exactSum(List<? extends Number> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Number value : values) {
            if (value != null) {
                sum = sum.add(RowOrder.exact(value));
            }
        }
        return sum;
    }

    private static Optional<BigDecimal> average(BigDecimal sum, long count) {
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).stripTrailingZeros());
    }

    private static <T> Optional<T> extremeOf(List<T> values, boolean max) {
        T best = null;
        for (T value : values) {
            if (value == null) {
                continue;
            }
            int c = best == null ? 0 : RowOrder.compareValues(value, best);
            if (best == null || (max ? c > 0 : c < 0)) {
                best = value;
            }
        }
        return Optional.ofNullable(best);
    }
}
