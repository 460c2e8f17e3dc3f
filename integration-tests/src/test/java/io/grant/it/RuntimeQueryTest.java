package io.grant.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.query.AsyncQuery;
import io.grant.query.RecordNotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every terminal method of the query layer, with the same assertions on H2, PostgreSQL and MariaDB. */
class RuntimeQueryTest {

    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456Z");
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00.654321Z");

    private Grant db;

    private AsyncQuery<Person> people() {
        return Person.TABLE.query();
    }

    private void open(TestDatabase database) {
        db = database.connect(b -> b.poolSize(4).clock(Clock.fixed(NOW, ZoneOffset.UTC)));
        db.dsl().execute("drop table if exists people");
        db.dsl().execute(Person.ddl(database));
        Grant.setDefault(db);
    }

    private void seed() {
        insert(1, "Ada", 36, "100.10", true);
        insert(2, "Brian", 52, "0.0001", false);
        insert(3, "Cleo", 29, null, true);
        insert(4, "Dan", 41, "1234567890.5555", true);
    }

    private void insert(long id, String name, int age, String balance, boolean active) {
        db.dsl().insertInto(Person.TABLE.table())
                .set(Person.ID.field(), id)
                .set(Person.NAME.field(), name)
                .set(Person.AGE.field(), age)
                .set(Person.BALANCE.field(), balance == null ? null : new BigDecimal(balance))
                .set(Person.ACTIVE.field(), active)
                .set(Person.UPDATED_AT.field(), T0)
                .execute();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.dsl().execute("drop table if exists people");
            db.close();
        }
        Grant.setDefault(null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void emptyTable(TestDatabase database) {
        open(database);
        assertThat(people().count().await()).isZero();
        assertThat(people().sum(Person.AGE).await()).isEqualTo(0L);
        assertThat(people().sum(Person.BALANCE).await()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(people().avg(Person.AGE).await()).isEmpty();
        assertThat(people().min(Person.NAME).await()).isEmpty();
        assertThat(people().max(Person.AGE).await()).isEmpty();
        assertThat(people().pluck(Person.NAME).await()).isEmpty();
        assertThat(people().pick(Person.NAME).await()).isEmpty();
        assertThat(people().ids().await()).isEmpty();
        assertThat(people().exists().await()).isFalse();
        assertThat(people().select().await()).isEmpty();
        assertThat(people().first().await()).isEmpty();
        assertThat(people().last().await()).isEmpty();
        assertThat(people().find(1L).await()).isEmpty();
        assertThat(people().update(Person.NAME.set("x")).await()).isZero();
        assertThat(people().delete().await()).isZero();
        assertThat(people().touchAll().await()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aggregates(TestDatabase database) {
        open(database);
        seed();
        assertThat(people().count().await()).isEqualTo(4L);
        assertThat(people().where(Person.ACTIVE.isTrue()).count().await()).isEqualTo(3L);
        AsyncResult<Long> ageSum = people().sum(Person.AGE);
        assertThat(ageSum.await()).isEqualTo(158L);
        assertThat(people().sum(Person.BALANCE).await()).isEqualByComparingTo("1234567990.6556");
        assertThat(people().avg(Person.AGE).await()).hasValueSatisfying(
                avg -> assertThat(avg).isEqualByComparingTo("39.5"));
        assertThat(people().min(Person.NAME).await()).contains("Ada");
        assertThat(people().max(Person.AGE).await()).contains(52);
        assertThat(people().min(Person.BALANCE).await()).hasValueSatisfying(
                min -> assertThat(min).isEqualByComparingTo("0.0001"));
        assertThat(people().max(Person.UPDATED_AT).await()).contains(T0);
        assertThat(people().where(Person.AGE.gt(100)).sum(Person.AGE).await()).isEqualTo(0L);
        // aggregates over a window see only its rows
        assertThat(people().orderBy(Person.AGE.asc()).limit(2).count().await()).isEqualTo(2L);
        assertThat(people().orderBy(Person.AGE.asc()).limit(2).sum(Person.AGE).await()).isEqualTo(65L);
        assertThat(people().orderBy(Person.AGE.asc()).offset(3).max(Person.AGE).await()).contains(52);
        // an offset alone narrows them too (MariaDB ignores a bare OFFSET in a derived table)
        assertThat(people().orderBy(Person.AGE.asc()).offset(3).count().await()).isEqualTo(1L);
        assertThat(people().orderBy(Person.AGE.asc()).offset(2).sum(Person.AGE).await()).isEqualTo(158L - 65L);
        assertThat(people().orderBy(Person.AGE.asc()).offset(2).min(Person.AGE).await()).isNotEqualTo(
                people().min(Person.AGE).await());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void valuesAndRows(TestDatabase database) {
        open(database);
        seed();
        assertThat(people().orderBy(Person.NAME.desc()).pluck(Person.NAME).await())
                .containsExactly("Dan", "Cleo", "Brian", "Ada");
        assertThat(people().orderBy(Person.ID.asc()).pluck(Person.BALANCE).await()).hasSize(4).element(2).isNull();
        assertThat(people().orderBy(Person.AGE.asc()).pick(Person.NAME).await()).contains("Cleo");
        assertThat(new java.util.ArrayList<Object>(people().orderBy(Person.ID.asc()).ids().await()))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(people().where(Person.NAME.like("B%")).exists().await()).isTrue();
        assertThat(people().where(Person.NAME.likeIgnoreCase("b%")).pluck(Person.ID).await()).containsExactly(2L);
        assertThat(people().where(Person.AGE.between(30, 45), Person.ACTIVE.isTrue()).orderBy(Person.ID.asc())
                .pluck(Person.ID).await()).containsExactly(1L, 4L);
        assertThat(people().where(Person.ID.in(List.of(2L, 4L))).orderBy(Person.ID.desc()).pluck(Person.ID).await())
                .containsExactly(4L, 2L);
        assertThat(people().where(Person.ID.in(List.of())).count().await()).isZero();
        assertThat(people().where(Person.BALANCE.isNull()).pluck(Person.NAME).await()).containsExactly("Cleo");
        // a null among in()'s values matches NULL, as eq(null) does
        List<BigDecimal> adasOrNone = java.util.Arrays.asList(new BigDecimal("100.10"), null);
        assertThat(people().where(Person.BALANCE.in(adasOrNone)).orderBy(Person.ID.asc()).pluck(Person.NAME).await())
                .containsExactly("Ada", "Cleo");
        assertThat(people().where(Person.BALANCE.notIn(adasOrNone)).orderBy(Person.ID.asc()).pluck(Person.NAME)
                .await()).containsExactly("Brian", "Dan");

        List<Person> all = people().orderBy(Person.ID.asc()).select().await();
        assertThat(all).extracting(Person::name).containsExactly("Ada", "Brian", "Cleo", "Dan");
        Person ada = all.get(0);
        assertThat(ada.age()).isEqualTo(36);
        assertThat(ada.active()).isTrue();
        assertThat(ada.balance()).isEqualByComparingTo("100.10");
        assertThat(ada.updatedAt()).isEqualTo(T0);

        assertThat(people().first().await()).map(Person::name).contains("Ada");
        assertThat(people().last().await()).map(Person::name).contains("Dan");
        assertThat(people().orderBy(Person.AGE.desc()).first().await()).map(Person::name).contains("Brian");
        assertThat(people().orderBy(Person.AGE.desc()).last().await()).map(Person::name).contains("Cleo");
        assertThat(people().orderBy(Person.AGE.desc()).limit(2).last().await()).map(Person::name).contains("Dan");
        assertThat(people().orderBy(Person.ID.asc()).offset(1).limit(2).pluck(Person.ID).await())
                .containsExactly(2L, 3L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void findAndFindBy(TestDatabase database) {
        open(database);
        seed();
        assertThat(people().find(3L).await()).map(Person::name).contains("Cleo");
        assertThat(people().find(99L).await()).isEmpty();
        assertThat(people().findOrThrow(2L).await().name()).isEqualTo("Brian");
        assertThatThrownBy(() -> people().findOrThrow(99L).await())
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("Person.findOrThrow")
                .cause().isInstanceOf(RecordNotFoundException.class)
                .hasMessage("Person with id 99 not found");
        assertThat(people().findBy(Person.NAME, "Dan").await()).map(Person::id).contains(4L);
        assertThat(people().findBy(Person.BALANCE, null).await()).map(Person::id).contains(3L);
        assertThat(people().findBy(Person.NAME, "Nobody").await()).isEmpty();
        assertThatThrownBy(() -> people().find("3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Person id is a Long, not a String (3)");
        assertThatThrownBy(() -> people().find(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Person id must not be null");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bulkUpdateDeleteTouch(TestDatabase database) {
        open(database);
        seed();
        assertThat(people().where(Person.ACTIVE.isFalse()).update(Person.ACTIVE.set(true), Person.AGE.set(53))
                .await()).isEqualTo(1L);
        assertThat(people().find(2L).await()).hasValueSatisfying(p -> {
            assertThat(p.active()).isTrue();
            assertThat(p.age()).isEqualTo(53);
        });
        assertThat(people().where(Person.ID.le(2L)).touchAll().await()).isEqualTo(2L);
        assertThat(people().orderBy(Person.ID.asc()).pluck(Person.UPDATED_AT).await())
                .containsExactly(NOW.truncatedTo(ChronoUnit.MICROS), NOW.truncatedTo(ChronoUnit.MICROS), T0, T0);
        assertThat(people().where(Person.AGE.lt(40)).delete().await()).isEqualTo(2L);
        assertThat(people().orderBy(Person.ID.asc()).pluck(Person.NAME).await()).containsExactly("Brian", "Dan");
        assertThat(people().update(Person.BALANCE.set(null)).await()).isEqualTo(2L);
        assertThat(people().where(Person.BALANCE.isNotNull()).count().await()).isZero();
        assertThat(people().blocking().delete()).isEqualTo(2L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void blockingTwin(TestDatabase database) {
        open(database);
        seed();
        var blocking = people().blocking();
        assertThat(blocking.count()).isEqualTo(4L);
        assertThat(blocking.where(Person.ACTIVE.isTrue()).sum(Person.AGE)).isEqualTo(106L);
        assertThat(blocking.orderBy(Person.AGE.desc()).limit(1).pluck(Person.NAME)).containsExactly("Brian");
        assertThat(blocking.exists()).isTrue();
        assertThat(blocking.find(1L)).map(Person::name).contains("Ada");
        assertThat(blocking.avg(Person.AGE)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void badInputFailsAtOnceWithTheRule(TestDatabase database) {
        open(database);
        assertThatThrownBy(() -> people().limit(3).delete())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Person.delete() applies to every matching row and cannot take limit()");
        assertThatThrownBy(() -> people().update())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least one assignment");
        assertThatThrownBy(() -> people().touchAll(Person.NAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Person.name (name) is a String");
        assertThatThrownBy(() -> people().where(Person.AGE.gt(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Person.age.gt(null) has no meaning in SQL");
        assertThatThrownBy(() -> people().limit(-1)).hasMessage("limit must be >= 0, was -1");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void primitiveFieldMeetingNullNamesModelColumnAndId(TestDatabase database) {
        open(database);
        db.dsl().execute("drop table people");
        db.dsl().execute(Person.ddl(database).replace("age int not null", "age int"));
        db.dsl().execute("insert into people (id, name, active) values (7, 'Nil', true)");
        assertThatThrownBy(() -> people().select().await())
                .isInstanceOf(AsyncExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("Person.age (column 'age') is NULL in the row with id 7, but the field is a primitive "
                        + "int; declare it as Integer to allow NULL");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void explicitDatabaseAndMissingDefault(TestDatabase database) {
        open(database);
        seed();
        Grant.setDefault(null);
        assertThatThrownBy(() -> people().count())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No default database for Person (it names no connection): call Grant.setDefault(");
        assertThat(people().on(db).count().await()).isEqualTo(4L);
        assertThat(Optional.of(db.metrics().totalOperations())).get().isNotEqualTo(0L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aModelBoundToAConnectionUsesItsRegisteredDatabase(TestDatabase database) {
        open(database);
        seed();
        io.grant.query.ModelTable<Person> analytics = io.grant.query.ModelTable.builder(Person.class, "people")
                .connection("analytics")
                .columns(Person.TABLE.columns())
                .id(Person.ID)
                .mapper(Person.TABLE.mapper())
                .build();
        Grant.unregister("analytics");
        assertThatThrownBy(() -> analytics.query().count())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Person uses @GrantModel(connection = \"analytics\")")
                .hasMessageContaining("No database registered under connection name 'analytics'")
                .hasMessageContaining("Grant.register(\"analytics\", db)");
        Grant.register("analytics", db);
        Grant.setDefault(null);
        try {
            assertThat(analytics.query().count().await()).isEqualTo(4L);
        } finally {
            Grant.unregister("analytics");
        }
    }
}
