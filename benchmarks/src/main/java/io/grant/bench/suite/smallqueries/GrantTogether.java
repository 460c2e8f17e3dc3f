package io.grant.bench.suite.smallqueries;

import static io.grant.bench.suite.BenchUserAsync.AGE;
import static io.grant.bench.suite.BenchUserAsync.BALANCE;
import static io.grant.bench.suite.BenchUserAsync.EMAIL;
import static io.grant.bench.suite.BenchUserAsync.ID;
import static io.grant.bench.suite.BenchUserAsync.NAME;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.BenchUserAsync;
import io.grant.bench.suite.GrantPeer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Grant as target 3 means "issued together": for each batch, the ten queries created back to back through the
 * companion, then all awaited; the next batch starts when this one is done. With {@code Batching.off()} they run
 * at once on up to 8 connections; with batching they are meant to share round trips.
 */
final class GrantTogether extends GrantPeer<Batch[]> {

    GrantTogether(String name, Grant db) {
        super(name, db);
    }

    @Override
    protected Object work(Batch[] batches) {
        List<List<Object>> results = new ArrayList<>(batches.length);
        for (Batch b : batches) {
            AsyncResult<Long> count = BenchUserAsync.where(ID.between(b.rangeStart(), b.rangeStart() + 49),
                    AGE.eq(b.age())).count();
            AsyncResult<Optional<BenchUser>> find = BenchUserAsync.find(b.id());
            AsyncResult<Optional<BenchUser>> findBy = BenchUserAsync.findBy(NAME, b.name());
            AsyncResult<Boolean> exists = BenchUserAsync.where(EMAIL.eq(b.email())).exists();
            AsyncResult<Optional<BigDecimal>> max = BenchUserAsync.where(ID.between(b.pickId(), b.pickId() + 49))
                    .max(BALANCE);
            AsyncResult<Optional<String>> pick = BenchUserAsync.where(ID.eq(b.pickId())).pick(NAME);
            AsyncResult<Optional<BenchUser>> first = BenchUserAsync.where(ID.ge(b.id()), AGE.eq(b.firstAge())).first();
            AsyncResult<List<String>> pluck = BenchUserAsync.where(ID.ge(b.rangeStart())).orderBy(ID.asc()).limit(10)
                    .pluck(NAME);
            AsyncResult<BigDecimal> sum = BenchUserAsync.where(ID.between(b.rangeStart(), b.rangeStart() + 49))
                    .sum(BALANCE);
            AsyncResult<List<BenchUser>> select = BenchUserAsync.where(ID.in(b.ids())).orderBy(ID.asc()).limit(5)
                    .select();
            results.add(Arrays.asList(count.await(), find.await().orElse(null), findBy.await().orElse(null),
                    exists.await(), max.await().orElse(null), pick.await().orElse(null), first.await().orElse(null),
                    pluck.await(), sum.await(), select.await()));
        }
        return results;
    }
}
