package io.grant.bench.suite.lookups;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.BenchUserAsync;
import io.grant.bench.suite.GrantPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Grant as target 1 means "issued at once": one thread calls {@code BenchUserAsync.find(id)} for every id, keeping
 * the results, then awaits them one by one. Whether the lookups are coalesced depends on the database's
 * {@code Batching}, so the same class serves for {@code Batching.defaults()} and {@code Batching.off()}.
 */
final class GrantIssuedAtOnce extends GrantPeer<long[]> {

    GrantIssuedAtOnce(String name, Grant db) {
        super(name, db);
    }

    @Override
    protected Object work(long[] ids) {
        List<AsyncResult<Optional<BenchUser>>> pending = new ArrayList<>(ids.length);
        for (long id : ids) {
            pending.add(BenchUserAsync.find(id));
        }
        List<BenchUser> users = new ArrayList<>(ids.length);
        for (AsyncResult<Optional<BenchUser>> user : pending) {
            users.add(user.await().orElse(null));
        }
        return users;
    }
}
