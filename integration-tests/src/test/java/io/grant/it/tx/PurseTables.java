package io.grant.it.tx;

import static org.awaitility.Awaitility.await;

import io.grant.Grant;
import io.grant.it.TestDatabase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code tx_purses} table of one test class on each database: created once, with the class's own pool, and dropped
 * with it; after each test every connection must be back in its pool. A JUnit extension:
 * {@code @RegisterExtension static final PurseTables TABLES = new PurseTables(4);}
 */
final class PurseTables implements AfterEachCallback, AfterAllCallback {

    private final Map<TestDatabase, Grant> databases = new EnumMap<>(TestDatabase.class);
    private final int poolSize;

    PurseTables(int poolSize) {
        this.poolSize = poolSize;
    }

    /** The database of {@code database} with an empty {@code tx_purses}, as the default database. */
    Grant empty(TestDatabase database) {
        Grant db = databases.computeIfAbsent(database, key -> {
            Grant opened = key.connect(poolSize);
            opened.dsl().execute("drop table if exists tx_purses");
            opened.dsl().execute("create table tx_purses (id bigint primary key, owner varchar(20) not null, "
                    + "balance bigint not null)");
            return opened;
        });
        db.dsl().execute("delete from tx_purses");
        Grant.setDefault(db);
        return db;
    }

    /** Waits until every connection is back in its pool (fails if one is not within 10 s); clears the default. */
    @Override
    public void afterEach(ExtensionContext context) {
        for (Grant db : databases.values()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> db.activeConnections() == 0);
        }
        Grant.setDefault(null);
    }

    /** Drops the tables and closes the databases. */
    @Override
    public void afterAll(ExtensionContext context) {
        databases.values().forEach(db -> {
            db.dsl().execute("drop table if exists tx_purses");
            db.close();
        });
        databases.clear();
    }
}
