package io.grant.it.generated;

import io.grant.Batching;
import io.grant.Grant;
import io.grant.it.TestDatabase;
import io.grant.it.model.Member;
import io.grant.it.model.MemberAsync;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * Opens a database with fresh tables for each test, makes it the default one, and closes it after the test. The
 * rows are written with jOOQ through the generated columns, so that reading them back tests the generated mapping.
 */
abstract class GeneratedTestBase {

    /** Where {@link Instant}s are truncated to: every database here stores microseconds. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    /** Three members; the third has no email, no balance and no update time. */
    static final Member ANN = new Member(1L, "Ann", "ann@example.com", true, 30, new BigDecimal("1234567890.1000"),
            NOW.minus(3, ChronoUnit.DAYS), null);
    static final Member BOB = new Member(2L, "Bob", "bob@example.com", false, 40, new BigDecimal("0.2000"),
            NOW.minus(2, ChronoUnit.DAYS), null);
    static final Member CID = new Member(3L, "Cid", null, true, 50, null, null, null);

    Grant db;

    /** Connects to {@code database}, creates the tables and makes it the default database. */
    Grant open(TestDatabase database) {
        return open(database, Batching.defaults());
    }

    /** {@link #open(TestDatabase)} with {@code batching}. */
    final Grant open(TestDatabase database, Batching batching) {
        db = database.connect(builder -> builder.poolSize(4).batching(batching));
        Schema.create(db, database);
        Grant.setDefault(db);
        return db;
    }

    /**
     * Batching with a long window (1 s), so that what a test creates back to back is sent together when it waits,
     * however slowly a busy machine runs the test.
     */
    static Batching longWindow() {
        return Batching.defaults().window(Duration.ofSeconds(1));
    }

    @AfterEach
    void closeDatabase() {
        Grant.setDefault(null);
        if (db != null) {
            db.close();
        }
    }

    /** Inserts {@code members} into {@code target}. */
    static void insert(Grant target, Member... members) {
        for (Member member : members) {
            target.dsl().insertInto(MemberAsync.TABLE.table())
                    .set(MemberAsync.ID.field(), member.id())
                    .set(MemberAsync.NAME.field(), member.name())
                    .set(MemberAsync.EMAIL.field(), member.email())
                    .set(MemberAsync.ACTIVE.field(), member.active())
                    .set(MemberAsync.AGE.field(), member.age())
                    .set(MemberAsync.BALANCE.field(), member.balance())
                    .set(MemberAsync.UPDATED_AT.field(), member.updatedAt())
                    .execute();
        }
    }

    /** Inserts {@link #ANN}, {@link #BOB} and {@link #CID} into the default database. */
    void insertMembers() {
        insert(db, ANN, BOB, CID);
    }
}
