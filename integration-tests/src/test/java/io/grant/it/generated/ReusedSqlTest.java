package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;

import io.grant.Batching;
import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.it.model.Member;
import io.grant.it.model.MemberAsync;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A statement's SQL is rendered once per shape and reused, its values bound straight from the filters once the
 * order jOOQ binds them in has been proven. Every answer here is checked against the same question asked through plain
 * jOOQ, over hundreds of instances of each shape with random values, some of them equal on purpose (an order proven
 * on equal values would bind the wrong one later).
 */
class ReusedSqlTest extends GeneratedTestBase {

    private static final int ROUNDS = 300;

    @Override
    Grant open(TestDatabase database) {
        return open(database, longWindow());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyInstanceOfAShapeGetsItsOwnValues(TestDatabase database) {
        open(database);
        List<Member> members = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            members.add(new Member(id, "M" + id, "m" + id + "@example.com", id % 3 == 0, (int) (id % 60),
                    BigDecimal.valueOf(id * 7 % 1000, 2), NOW, null));
        }
        insert(db, members.toArray(Member[]::new));
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < ROUNDS; round++) {
            long from = 1 + random.nextInt(200);
            long to = from + random.nextInt(30);
            // on some rounds the two ranges are the same values: a proof must not be taken from those
            long otherFrom = round % 4 == 0 ? from : 1 + random.nextInt(200);
            long otherTo = round % 4 == 0 ? to : otherFrom + random.nextInt(30);
            int age = random.nextInt(60);
            long id = 1 + random.nextInt(220);

            AsyncResult<Long> count = MemberAsync.where(MemberAsync.ID.between(from, to), MemberAsync.AGE.ge(age)).count();
            AsyncResult<BigDecimal> sum = MemberAsync.where(MemberAsync.ID.between(otherFrom, otherTo))
                    .sum(MemberAsync.BALANCE);
            AsyncResult<Optional<Integer>> max = MemberAsync.where(MemberAsync.ID.between(from, to)).max(MemberAsync.AGE);
            AsyncResult<Boolean> exists = MemberAsync.where(MemberAsync.EMAIL.eq("m" + id + "@example.com")).exists();
            AsyncResult<Optional<Member>> found = MemberAsync.find(id);
            AsyncResult<Optional<Member>> first = MemberAsync.where(MemberAsync.ID.ge(from), MemberAsync.AGE.lt(age + 1))
                    .first();
            AsyncResult<List<Long>> page = MemberAsync.where(MemberAsync.ID.gt(otherFrom)).orderBy(MemberAsync.ID.asc())
                    .limit(3).pluck(MemberAsync.ID);
            AsyncResult<Optional<String>> name = MemberAsync.where(MemberAsync.ID.eq(to)).pick(MemberAsync.NAME);

            var id_ = MemberAsync.ID.field();
            var age_ = MemberAsync.AGE.field();
            var table = MemberAsync.TABLE.table();
            String at = "round " + round + " (" + from + ".." + to + ", " + otherFrom + ".." + otherTo + ", age " + age
                    + ", id " + id + ")";
            assertThat(count.await()).as(at).isEqualTo((long) db.dsl().fetchCount(table,
                    id_.between(from, to).and(age_.ge(age))));
            BigDecimal expectedSum = db.dsl().select(DSL.sum(MemberAsync.BALANCE.field())).from(table)
                    .where(id_.between(otherFrom, otherTo)).fetchOne(Record1::value1);
            assertThat(sum.await()).as(at).isEqualByComparingTo(expectedSum == null ? BigDecimal.ZERO : expectedSum);
            assertThat(max.await()).as(at).isEqualTo(Optional.ofNullable(db.dsl().select(DSL.max(age_)).from(table)
                    .where(id_.between(from, to)).fetchOne(Record1::value1)));
            assertThat(exists.await()).as(at).isEqualTo(id <= 200);
            assertThat(found.await().map(Member::id)).as(at).isEqualTo(id <= 200 ? Optional.of(id) : Optional.empty());
            assertThat(first.await().map(Member::id)).as(at).isEqualTo(db.dsl().select(id_).from(table)
                    .where(id_.ge(from).and(age_.lt(age + 1))).orderBy(id_).limit(1).fetchOptional(Record1::value1));
            assertThat(page.await()).as(at).isEqualTo(db.dsl().select(id_).from(table).where(id_.gt(otherFrom))
                    .orderBy(id_).limit(3).fetch(Record1::value1));
            assertThat(name.await()).as(at).isEqualTo(to <= 200 ? Optional.of("M" + to) : Optional.empty());
        }
    }
}
