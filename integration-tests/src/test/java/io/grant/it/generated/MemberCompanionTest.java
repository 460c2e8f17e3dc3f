package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.it.TestDatabase;
import io.grant.it.model.Member;
import io.grant.it.model.MemberAsync;
import io.grant.query.RecordNotFoundException;
import io.grant.shard.ShardManager;
import io.grant.shard.ShardResolver;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every static method of a generated companion, on each database, with the same assertions. */
class MemberCompanionTest extends GeneratedTestBase {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void onAnEmptyTable(TestDatabase database) {
        open(database);

        assertThat(MemberAsync.count().await()).isZero();
        assertThat(MemberAsync.sum(MemberAsync.AGE).await()).isEqualTo(0L);
        assertThat(MemberAsync.sum(MemberAsync.BALANCE).await()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(MemberAsync.avg(MemberAsync.AGE).await()).isEmpty();
        assertThat(MemberAsync.min(MemberAsync.NAME).await()).isEmpty();
        assertThat(MemberAsync.max(MemberAsync.UPDATED_AT).await()).isEmpty();
        assertThat(MemberAsync.pluck(MemberAsync.EMAIL).await()).isEmpty();
        assertThat(MemberAsync.pick(MemberAsync.NAME).await()).isEmpty();
        assertThat(MemberAsync.ids().await()).isEmpty();
        assertThat(MemberAsync.exists().await()).isFalse();
        assertThat(MemberAsync.find(1L).await()).isEmpty();
        assertThat(MemberAsync.findBy(MemberAsync.NAME, "Ann").await()).isEmpty();
        assertThat(MemberAsync.all().await()).isEmpty();
        assertThat(MemberAsync.first().await()).isEmpty();
        assertThat(MemberAsync.last().await()).isEmpty();
        assertThat(MemberAsync.updateAll(MemberAsync.ACTIVE.set(false)).await()).isZero();
        assertThat(MemberAsync.touchAll().await()).isZero();
        assertThat(MemberAsync.deleteAll().await()).isZero();
        assertThatThrownBy(() -> MemberAsync.findOrThrow(7L).await())
                .isInstanceOf(AsyncExecutionException.class)
                .cause()
                .isInstanceOf(RecordNotFoundException.class)
                .hasMessageContaining("Member")
                .hasMessageContaining("7");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aggregates(TestDatabase database) {
        open(database);
        insertMembers();

        assertThat(MemberAsync.count().await()).isEqualTo(3L);
        assertThat(MemberAsync.sum(MemberAsync.AGE).await()).isEqualTo(120L);
        // Exact: as doubles, 1234567890.1 + 0.2 would be 1234567890.3000002.
        assertThat(MemberAsync.sum(MemberAsync.BALANCE).await()).isEqualByComparingTo("1234567890.3");
        assertThat(MemberAsync.avg(MemberAsync.AGE).await()).hasValueSatisfying(
                avg -> assertThat(avg).isEqualByComparingTo("40"));
        assertThat(MemberAsync.avg(MemberAsync.BALANCE).await()).hasValueSatisfying(
                avg -> assertThat(avg).isEqualByComparingTo("617283945.15"));
        assertThat(MemberAsync.min(MemberAsync.NAME).await()).contains("Ann");
        assertThat(MemberAsync.max(MemberAsync.NAME).await()).contains("Cid");
        assertThat(MemberAsync.min(MemberAsync.UPDATED_AT).await()).contains(ANN.updatedAt());
        assertThat(MemberAsync.max(MemberAsync.UPDATED_AT).await()).contains(BOB.updatedAt());
        assertThat(MemberAsync.exists().await()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void valuesAndRows(TestDatabase database) {
        open(database);
        insertMembers();

        assertThat(MemberAsync.pluck(MemberAsync.EMAIL).await())
                .containsExactlyInAnyOrder("ann@example.com", "bob@example.com", null);
        assertThat(MemberAsync.pick(MemberAsync.AGE).await()).hasValueSatisfying(age -> assertThat(age).isIn(30, 40, 50));
        List<Long> ids = MemberAsync.ids().await();
        assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(MemberAsync.find(2L).await()).contains(BOB);
        assertThat(MemberAsync.find(9L).await()).isEmpty();
        assertThat(MemberAsync.findOrThrow(3L).await()).isEqualTo(CID);
        assertThat(MemberAsync.findBy(MemberAsync.EMAIL, "bob@example.com").await()).contains(BOB);
        assertThat(MemberAsync.findBy(MemberAsync.EMAIL, null).await()).contains(CID);
        assertThat(MemberAsync.findBy(MemberAsync.ACTIVE, true).await()).contains(ANN);
        assertThat(MemberAsync.all().await()).containsExactlyInAnyOrder(ANN, BOB, CID);
        assertThat(MemberAsync.first().await()).contains(ANN);
        assertThat(MemberAsync.last().await()).contains(CID);
        assertThat(MemberAsync.all().await()).extracting(Member::displayName).containsOnlyNulls();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void entryPoints(TestDatabase database) {
        open(database);
        insertMembers();

        assertThat(MemberAsync.query().count().await()).isEqualTo(3L);
        assertThat(MemberAsync.where(MemberAsync.AGE.ge(40), MemberAsync.ACTIVE.isTrue()).select().await())
                .containsExactly(CID);
        Grant.setDefault(null);
        assertThat(MemberAsync.on(db).count().await()).isEqualTo(3L);
        ShardManager.register("members", db);
        try {
            assertThat(MemberAsync.onShard("members").pluck(MemberAsync.NAME).await())
                    .containsExactlyInAnyOrder("Ann", "Bob", "Cid");
            ShardManager.resolver(ShardResolver.lookup(key -> "members"));
            assertThat(MemberAsync.forKey(2L).find(2L).await()).contains(BOB);
        } finally {
            ShardManager.clearResolver();
            ShardManager.unregister("members");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void acrossShardsMergesEveryShard(TestDatabase database) {
        open(database);
        insert(db, ANN, BOB);
        try (Grant other = TestDatabase.H2.connect(2)) {
            Schema.create(other, TestDatabase.H2);
            insert(other, CID);
            ShardManager.register("one", db);
            ShardManager.register("two", other);
            try {
                assertThat(MemberAsync.acrossShards().count().await()).isEqualTo(3L);
                assertThat(MemberAsync.acrossShards().sum(MemberAsync.AGE).await()).isEqualTo(120L);
                assertThat(MemberAsync.acrossShards().avg(MemberAsync.AGE).await()).hasValueSatisfying(
                        avg -> assertThat(avg).isEqualByComparingTo("40"));
                assertThat(MemberAsync.acrossShards().orderBy(MemberAsync.AGE.desc()).select().await())
                        .containsExactly(CID, BOB, ANN);
            } finally {
                ShardManager.unregister("one");
                ShardManager.unregister("two");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writes(TestDatabase database) {
        open(database);
        insertMembers();

        assertThat(MemberAsync.updateAll(MemberAsync.ACTIVE.set(false), MemberAsync.BALANCE.set(new BigDecimal("5")))
                .await()).isEqualTo(3L);
        assertThat(MemberAsync.where(MemberAsync.ACTIVE.isTrue()).count().await()).isZero();
        assertThat(MemberAsync.sum(MemberAsync.BALANCE).await()).isEqualByComparingTo("15");

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(MemberAsync.touchAll().await()).isEqualTo(3L);
        assertThat(MemberAsync.pluck(MemberAsync.UPDATED_AT).await()).hasSize(3).allSatisfy(
                touched -> assertThat(touched).isCloseTo(before, within(5, ChronoUnit.SECONDS)));
        assertThat(MemberAsync.touchAll(MemberAsync.UPDATED_AT).await()).isEqualTo(3L);

        assertThat(MemberAsync.deleteAll().await()).isEqualTo(3L);
        assertThat(MemberAsync.count().await()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNullInAPrimitiveFieldFailsNamingModelColumnAndRow(TestDatabase database) {
        open(database);
        insertMembers();
        db.dsl().execute("alter table club_members " + (database == TestDatabase.MARIADB
                ? "modify age int null" : "alter column age " + (database == TestDatabase.H2 ? "set null" : "drop not null")));
        db.dsl().update(MemberAsync.TABLE.table()).setNull(MemberAsync.AGE.field())
                .where(MemberAsync.ID.eq(2L).condition()).execute();

        assertThat(MemberAsync.find(1L).await()).contains(ANN);
        assertThatThrownBy(() -> MemberAsync.find(2L).await())
                .isInstanceOf(AsyncExecutionException.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Member.age (column 'age') is NULL in the row with id 2, but the field is a primitive "
                        + "int; declare it as Integer to allow NULL");
        assertThat(MemberAsync.pluck(MemberAsync.AGE).await()).containsExactlyInAnyOrder(30, null, 50);
        assertThat(MemberAsync.sum(MemberAsync.AGE).await()).isEqualTo(80L);
    }
}
