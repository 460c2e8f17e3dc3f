package io.grant.query;

import io.grant.internal.Operation;
import org.jooq.DSLContext;

/**
 * One query as data: the rows ({@link QuerySpec}), what to compute over them ({@link Computation}), and where
 * it was routed ({@code shard}, or null). The name is {@code Model.label}, plus {@code @shard} on a shard.
 */
record QueryOperation<M, R>(QuerySpec<M> spec, Computation<M, R> computation, String shard) implements Operation<R> {

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
}
