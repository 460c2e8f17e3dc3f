package io.grant.bench.suite.aggregates;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.async.AsyncScope;
import io.grant.bench.suite.BenchEntryAsync;
import io.grant.bench.suite.GrantPeer;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Grant as target 2 means "issued together": the five aggregates created back to back inside one
 * {@link AsyncScope}, then {@code scope.join()}. With {@code Batching.defaults()} they are meant to run as one
 * statement; with {@code Batching.off()}, as five statements on five connections at once.
 */
final class GrantScope extends GrantPeer<Integer> {

    GrantScope(String name, Grant db) {
        super(name, db);
    }

    @Override
    protected Object work(Integer round) {
        try (AsyncScope scope = AsyncScope.open()) {
            AsyncResult<Long> count = BenchEntryAsync.count();
            AsyncResult<BigDecimal> sum = BenchEntryAsync.sum(BenchEntryAsync.AMOUNT);
            AsyncResult<Optional<BigDecimal>> avg = BenchEntryAsync.avg(BenchEntryAsync.AMOUNT);
            AsyncResult<Optional<BigDecimal>> min = BenchEntryAsync.min(BenchEntryAsync.AMOUNT);
            AsyncResult<Optional<BigDecimal>> max = BenchEntryAsync.max(BenchEntryAsync.AMOUNT);
            scope.join();
            return new Aggregates(count.await(), sum.await(), avg.await().orElseThrow(), min.await().orElseThrow(),
                    max.await().orElseThrow());
        }
    }
}
