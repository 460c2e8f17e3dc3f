package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grant.async.AsyncExecutionException;
import io.grant.it.TestDatabase;
import io.grant.it.model.Member;
import io.grant.it.model.MemberAsync;
import io.grant.query.AsyncQuery;
import io.grant.query.BlockingQuery;
import io.grant.query.RecordNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every method of the {@code AsyncQuery} (and its {@code blocking()} twin) that a companion hands out. */
class MemberQueryTest extends GeneratedTestBase {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void refinementsAndReads(TestDatabase database) {
        open(database);
        insertMembers();
        AsyncQuery<Member> byAge = MemberAsync.query().orderBy(MemberAsync.AGE.desc());

        assertThat(byAge.select().await()).containsExactly(CID, BOB, ANN);
        assertThat(byAge.all().await()).containsExactly(CID, BOB, ANN);
        assertThat(byAge.limit(2).select().await()).containsExactly(CID, BOB);
        assertThat(byAge.offset(1).select().await()).containsExactly(BOB, ANN);
        assertThat(byAge.limit(1).offset(1).select().await()).containsExactly(BOB);
        assertThat(byAge.first().await()).contains(CID);
        assertThat(byAge.last().await()).contains(ANN);
        assertThat(byAge.pluck(MemberAsync.NAME).await()).containsExactly("Cid", "Bob", "Ann");
        assertThat(byAge.pick(MemberAsync.NAME).await()).contains("Cid");
        assertThat(byAge.ids().await().toArray()).containsExactly(3L, 2L, 1L);
        assertThat(byAge.limit(2).count().await()).isEqualTo(2L);
        assertThat(byAge.limit(2).sum(MemberAsync.AGE).await()).isEqualTo(90L);

        AsyncQuery<Member> active = MemberAsync.where(MemberAsync.ACTIVE.isTrue());
        assertThat(active.count().await()).isEqualTo(2L);
        assertThat(active.sum(MemberAsync.AGE).await()).isEqualTo(80L);
        assertThat(active.sum(MemberAsync.BALANCE).await()).isEqualByComparingTo("1234567890.1");
        assertThat(active.avg(MemberAsync.AGE).await()).hasValueSatisfying(
                avg -> assertThat(avg).isEqualByComparingTo("40"));
        assertThat(active.min(MemberAsync.AGE).await()).contains(30);
        assertThat(active.max(MemberAsync.AGE).await()).contains(50);
        assertThat(active.exists().await()).isTrue();
        assertThat(active.where(MemberAsync.NAME.like("B%")).exists().await()).isFalse();
        assertThat(active.find(1L).await()).contains(ANN);
        assertThat(active.find(2L).await()).as("Bob is not active").isEmpty();
        assertThat(active.findOrThrow(3L).await()).isEqualTo(CID);
        assertThat(active.findBy(MemberAsync.AGE, 50).await()).contains(CID);
        assertThat(MemberAsync.where(MemberAsync.NAME.in(java.util.List.of("Ann", "Cid")),
                MemberAsync.BALANCE.isNull()).select().await()).containsExactly(CID);
        assertThat(MemberAsync.where(MemberAsync.UPDATED_AT.lt(NOW)).orderBy(MemberAsync.UPDATED_AT.asc())
                .select().await()).containsExactly(ANN, BOB);
        assertThatThrownBy(() -> active.findOrThrow(2L).await())
                .cause().isInstanceOf(RecordNotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void writes(TestDatabase database) {
        open(database);
        insertMembers();
        AsyncQuery<Member> inactive = MemberAsync.where(MemberAsync.ACTIVE.isFalse());

        assertThat(inactive.update(MemberAsync.NAME.set("Robert"), MemberAsync.EMAIL.set(null)).await())
                .isEqualTo(1L);
        assertThat(MemberAsync.find(2L).await()).hasValueSatisfying(bob -> {
            assertThat(bob.name()).isEqualTo("Robert");
            assertThat(bob.email()).isNull();
        });

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(inactive.touchAll(MemberAsync.UPDATED_AT).await()).isEqualTo(1L);
        assertThat(MemberAsync.find(2L).await().orElseThrow().updatedAt()).isCloseTo(before,
                within(5, ChronoUnit.SECONDS));
        assertThat(MemberAsync.find(1L).await()).contains(ANN);

        assertThat(inactive.delete().await()).isEqualTo(1L);
        assertThat(MemberAsync.ids().await()).containsExactlyInAnyOrder(1L, 3L);
        assertThatThrownBy(() -> inactive.limit(1).delete()).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void blocking(TestDatabase database) {
        open(database);
        insertMembers();
        BlockingQuery<Member> all = MemberAsync.query().blocking();

        assertThat(all.count()).isEqualTo(3L);
        assertThat(all.sum(MemberAsync.BALANCE)).isEqualByComparingTo("1234567890.3");
        assertThat(all.avg(MemberAsync.AGE)).hasValueSatisfying(avg -> assertThat(avg).isEqualByComparingTo("40"));
        assertThat(all.min(MemberAsync.NAME)).contains("Ann");
        assertThat(all.max(MemberAsync.AGE)).contains(50);
        assertThat(all.orderBy(MemberAsync.ID.asc()).pluck(MemberAsync.AGE)).containsExactly(30, 40, 50);
        assertThat(all.orderBy(MemberAsync.ID.desc()).pick(MemberAsync.NAME)).contains("Cid");
        assertThat(all.ids().toArray()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(all.exists()).isTrue();
        assertThat(all.where(MemberAsync.AGE.gt(35)).orderBy(MemberAsync.AGE.asc()).select()).containsExactly(BOB, CID);
        assertThat(all.orderBy(MemberAsync.NAME.asc()).limit(1).offset(1).all()).containsExactly(BOB);
        assertThat(all.first()).contains(ANN);
        assertThat(all.last()).contains(CID);
        assertThat(all.find(1L)).contains(ANN);
        assertThat(all.findOrThrow(2L)).isEqualTo(BOB);
        assertThat(all.findBy(MemberAsync.NAME, "Cid")).contains(CID);
        assertThatThrownBy(() -> all.findOrThrow(4L)).isInstanceOf(AsyncExecutionException.class);
        assertThat(all.where(MemberAsync.ID.eq(1L)).update(MemberAsync.BALANCE.set(BigDecimal.ONE))).isEqualTo(1L);
        assertThat(all.where(MemberAsync.ID.eq(1L)).touchAll()).isEqualTo(1L);
        assertThat(all.where(MemberAsync.ID.eq(1L)).delete()).isEqualTo(1L);
        assertThat(all.count()).isEqualTo(2L);
    }
}
