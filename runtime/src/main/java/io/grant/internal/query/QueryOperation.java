package io.grant.internal.query;

import io.grant.internal.Batchable;
import io.grant.internal.GroupKey;
import io.grant.internal.Operation;
import io.grant.internal.query.Computation.Aggregate;
import io.grant.internal.query.Computation.Lookup;
import io.grant.internal.query.Computation.Read;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;

/**
 * One query as data: the rows ({@link QuerySpec}), what to compute over them ({@link Computation}), and where it
 * was routed ({@code shard}, or null). The name is {@code Model.label}, plus {@code @shard} on a shard. A small read
 * is {@link Batchable}: aggregates of one model group under a {@link Fusion} key, lookups on one column under a
 * {@link Lookups} key, and any small read can share a round trip. Not API.
 *
 * @param <M> the model
 * @param <R> the result
 */
public final class QueryOperation<M, R> implements Operation<R>, Batchable<R> {

    /** Types whose equality in SQL is Java's {@code equals} on every database: safe to match rows to lookups. */
    private static final Set<Class<?>> EXACT = Set.of(Long.class, Integer.class, Short.class, Byte.class,
            BigInteger.class, UUID.class, Boolean.class);

    private final QuerySpec<M> spec;
    private final Computation<M, R> computation;
    private final String shard;
    private final SQLDialect dialect;

    /**
     * @param spec the rows
     * @param computation what to compute
     * @param shard the shard it was routed to, for its name; {@code null} if none
     * @param dialect the dialect of the database it runs on
     */
    public QueryOperation(QuerySpec<M> spec, Computation<M, R> computation, String shard, SQLDialect dialect) {
        this.spec = spec;
        this.computation = computation;
        this.shard = shard;
        this.dialect = dialect;
    }

    QuerySpec<M> spec() {
        return spec;
    }

    Computation<M, R> computation() {
        return computation;
    }

    @Override
    public String table() {
        return spec.table().name();
    }

    @Override
    public String name() {
        String name = spec.table().modelName() + "." + computation.label();
        return shard == null ? name : name + "@" + shard;
    }

    @Override
    public String shard() {
        return shard;
    }

    /** The computation's label up to its column: {@code count}, {@code sum}, {@code findBy}. */
    @Override
    public String kind() {
        String label = computation.label();
        int column = label.indexOf('(');
        return column < 0 ? label : label.substring(0, column);
    }

    @Override
    public boolean readOnly() {
        return computation instanceof Read<M, R>;
    }

    @Override
    public R execute(DSLContext dsl) {
        return computation.run(dsl, spec);
    }

    @Override
    public Batchable<R> batchable() {
        return computation instanceof Read<M, R> read && read.small(spec) ? this : null;
    }

    @Override
    public Object shapeKey() {
        QuerySpec.Shape shape = spec.shape();
        if (shape == null) {
            return null;
        }
        return List.of(spec.table(), computationShape(), shape.conditions(), shape.order(), spec.limit(), spec.offset());
    }

    /**
     * The values this read binds, in jOOQ's order, where they follow from the conditions' own values: the
     * conditions', then a lookup's value. {@code null} when the conditions are raw.
     */
    @Override
    public List<Object> values() {
        QuerySpec.Shape shape = spec.shape();
        if (shape == null) {
            return null;
        }
        if (computation instanceof Lookup<?, ?> lookup && lookup.value() != null) {
            List<Object> values = new java.util.ArrayList<>(shape.values().size() + 1);
            values.addAll(shape.values());
            values.add(lookup.value());
            return values;
        }
        return shape.values();
    }

    /** A limit or offset this read may bind after its values: its own, or the one row a first, pick or lookup takes. */
    @Override
    public Set<Object> constants() {
        return constants(spec);
    }

    /** The limits and offsets a statement over {@code spec} may bind, as jOOQ may bind them. */
    static Set<Object> constants(QuerySpec<?> spec) {
        Set<Object> constants = new java.util.HashSet<>(List.of(0, 1, 0L, 1L));
        if (spec.limit() != QuerySpec.NO_LIMIT) {
            constants.add(spec.limit());
            constants.add((long) spec.limit());
        }
        constants.add(spec.offset());
        constants.add((long) spec.offset());
        return constants;
    }

    /** What the computation adds to the SQL, its values aside (a lookup's value is bound; only its nullness shows). */
    Object computationShape() {
        if (computation instanceof Lookup<?, ?> lookup) {
            return List.of("lookup", lookup.column(), lookup.name(), lookup.value() == null);
        }
        return computation;
    }

    /** The conditions for grouping: their structure and values when known (cheap to compare), else the conditions. */
    Object conditionsKey() {
        QuerySpec.Shape shape = spec.shape();
        return shape == null ? spec.conditions() : List.of(shape.conditions(), shape.values());
    }

    @Override
    public GroupKey groupKey() {
        if (computation instanceof Aggregate<M, R>) {
            return new Fusion.Key(spec.table(), spec.windowed() ? spec : null);
        }
        if (computation instanceof Lookup<?, ?> lookup && coalescible(lookup)) {
            return new Lookups.Key(spec.table(), lookup.column(), conditionsKey(), lookup.column() == spec.table().id());
        }
        return null;
    }

    /**
     * Whether lookups like this one can share an {@code IN (...)}: a plain lookup (no window, no order) of a value
     * whose SQL equality is Java's. Text and enums compare by collation on MariaDB (case- and pad-insensitive), so
     * there they only share a round trip.
     */
    private boolean coalescible(Lookup<?, ?> lookup) {
        if (lookup.value() == null || spec.windowed() || !spec.order().isEmpty()) {
            return false;
        }
        Class<?> type = lookup.column().type();
        if (EXACT.contains(type)) {
            return true;
        }
        boolean textExact = dialect.family() == SQLDialect.POSTGRES || dialect.family() == SQLDialect.H2;
        return textExact && (type == String.class || type.isEnum());
    }

    @Override
    public ResultQuery<Record> query(DSLContext dsl) {
        return ((Read<M, R>) computation).query(dsl, spec);
    }

    @Override
    public R decode(Result<Record> result) {
        return ((Read<M, R>) computation).decode(result, spec);
    }

    @Override
    public String toString() {
        return "QueryOperation[" + name() + "]";
    }
}
