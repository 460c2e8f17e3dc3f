package io.grant.query;

import io.grant.async.AsyncResult;
import io.grant.internal.QueryAccess;
import java.math.BigDecimal;
import java.util.List;

/** The query layer's side of {@link QueryAccess}: runs the computations only the shard layer needs. */
final class QueryBridge implements QueryAccess {

    @Override
    public <M> AsyncResult<SumCount> sumAndCount(AsyncQuery<M> query, NumericColumn<M, ?, ?> column, String label) {
        return query.run(new Computation.SumCount<>(column, label));
    }

    @Override
    public <M> AsyncResult<List<Keyed<M>>> rows(AsyncQuery<M> query, String label) {
        return query.run(new Computation.KeyedRows<>(label));
    }

    @Override
    public <M, T> AsyncResult<List<Keyed<T>>> values(AsyncQuery<M> query, Column<M, T> column, String label) {
        return query.run(new Computation.KeyedValues<>(column, label));
    }

    @Override
    public <S extends Number> S toSum(NumericColumn<?, ?, S> column, BigDecimal exact) {
        return column.toSum(exact);
    }
}
