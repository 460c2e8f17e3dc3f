package io.grant.internal.query;

import io.grant.internal.Batchable;
import io.grant.internal.GroupKey;
import io.grant.internal.Operation;
import io.grant.internal.query.Computation.Aggregate;
import io.grant.internal.query.Computation.Lookup;
import io.grant.internal.query.Computation.Read;
import java.math.BigInteger;
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
    public R execute(DSLContext dsl) {
        return computation.run(dsl, spec);
    }

    @Override
    public Batchable<R> batchable() {
        return computation instanceof Read<M, R> read && read.small(spec) ? this : null;
    }

    @Override
    public GroupKey groupKey() {
        if (computation instanceof Aggregate<M, R>) {
            return new Fusion.Key(spec.table(), spec.windowed() ? spec : null);
        }
        if (computation instanceof Lookup<?, ?> lookup && coalescible(lookup)) {
            return new Lookups.Key(spec.table(), lookup.column(), spec.conditions(),
                    lookup.column() == spec.table().id());
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
