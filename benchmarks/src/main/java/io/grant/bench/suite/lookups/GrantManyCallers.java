package io.grant.bench.suite.lookups;

import io.grant.Grant;
import io.grant.bench.suite.BenchUser;
import io.grant.bench.suite.BenchUserAsync;
import io.grant.bench.suite.GrantPeer;
import java.util.Arrays;

/**
 * Grant with many callers: one virtual thread per id, each calling {@code BenchUserAsync.find(id).await()}, as
 * request handlers on virtual threads would. The run ends when every caller has ended.
 */
final class GrantManyCallers extends GrantPeer<long[]> {

    GrantManyCallers(String name, Grant db) {
        super(name, db);
    }

    @Override
    protected Object work(long[] ids) throws InterruptedException {
        BenchUser[] users = new BenchUser[ids.length];
        Thread[] callers = new Thread[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int k = i;
            callers[i] = Thread.ofVirtual().start(() -> users[k] = BenchUserAsync.find(ids[k]).await().orElse(null));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        return Arrays.asList(users);
    }
}
