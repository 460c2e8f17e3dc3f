package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grant.Grant;
import io.grant.it.TestDatabase;
import io.grant.it.model.Stamp;
import io.grant.it.model.StampAsync;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Local and zoned values in a JVM whose time zone is not UTC and has daylight saving time. Maven runs this class
 * in a JVM of its own, started with {@code -Duser.timezone=America/New_York} (see this module's pom); the other
 * tests run in the machine's zone.
 */
class OtherTimeZoneTest {

    /** 02:30 on the night New York's clocks go from 02:00 to 03:00: no such instant exists there. */
    private static final LocalDateTime IN_THE_GAP = LocalDateTime.of(2024, 3, 10, 2, 30, 0, 654_321_000);
    private static final Instant SUMMER_NOON_UTC = Instant.parse("2024-07-01T12:00:00.123456Z");

    private Grant db;

    @BeforeAll
    static void runsInNewYork() {
        assertThat(ZoneId.systemDefault())
                .as("run through Maven (its surefire execution 'other-time-zone' sets -Duser.timezone)")
                .isEqualTo(ZoneId.of("America/New_York"));
    }

    private void open(TestDatabase database) {
        db = database.connect(2);
        boolean mariaDb = database == TestDatabase.MARIADB;
        String timestamp = mariaDb ? "datetime(6)" : "timestamp(6)";
        String zoned = mariaDb ? "datetime(6)" : "timestamp(6) with time zone";
        db.dsl().execute("drop table if exists tz_stamps");
        db.dsl().execute("create table tz_stamps (id bigint primary key, local " + timestamp + ", due_on date, plain "
                + timestamp + ", zoned " + zoned + ")");
        Grant.setDefault(db);
    }

    @AfterEach
    void close() {
        Grant.setDefault(null);
        if (db != null) {
            db.close();
        }
    }

    /** The column's value as the database prints it. */
    private String text(String column) {
        return db.dsl().select(DSL.field(DSL.unquotedName(column)).cast(String.class)).from(DSL.table("tz_stamps"))
                .where(DSL.field(DSL.unquotedName("id")).eq(1L)).fetchOne(0, String.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLocalDateTimeThatDoesNotExistInTheJvmsZoneIsStoredAndReadAsItIs(TestDatabase database) {
        open(database);
        db.dsl().execute("insert into tz_stamps (id, local, due_on) values (1, timestamp '2024-03-10 02:30:00.654321', "
                + "date '2024-03-10')");
        Stamp read = StampAsync.findOrThrow(1L).await();
        assertThat(read.local()).isEqualTo(IN_THE_GAP);
        assertThat(read.dueOn()).isEqualTo(LocalDate.of(2024, 3, 10));

        LocalDateTime later = IN_THE_GAP.plusMinutes(5);
        assertThat(StampAsync.updateAll(StampAsync.LOCAL.set(later)).await()).isEqualTo(1L);
        assertThat(text("local")).startsWith("2024-03-10 02:35:00.654321");
        assertThat(StampAsync.findOrThrow(1L).await().local()).isEqualTo(later);
        assertThat(StampAsync.where(StampAsync.LOCAL.eq(later)).count().await()).isEqualTo(1L);
        assertThat(StampAsync.max(StampAsync.LOCAL).await()).contains(later);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anInstantIsTheSameInstantInColumnsWithAndWithoutATimeZone(TestDatabase database) {
        open(database);
        db.dsl().execute("insert into tz_stamps (id) values (1)");
        assertThat(StampAsync.updateAll(StampAsync.PLAIN.set(SUMMER_NOON_UTC), StampAsync.ZONED.set(SUMMER_NOON_UTC))
                .await()).isEqualTo(1L);
        Stamp read = StampAsync.findOrThrow(1L).await();
        assertThat(read.plain()).isEqualTo(SUMMER_NOON_UTC);
        assertThat(read.zoned()).isEqualTo(SUMMER_NOON_UTC);
        assertThat(text("plain")).as("stored as its UTC date-time").startsWith("2024-07-01 12:00:00.123456");
        assertThat(StampAsync.where(StampAsync.PLAIN.eq(SUMMER_NOON_UTC)).count().await()).isEqualTo(1L);

        Instant before = Instant.now();
        assertThat(StampAsync.touchAll(StampAsync.PLAIN, StampAsync.ZONED).await()).isEqualTo(1L);
        Stamp touched = StampAsync.findOrThrow(1L).await();
        assertThat(touched.plain()).isCloseTo(before, within(1, ChronoUnit.MINUTES));
        assertThat(touched.zoned()).isEqualTo(touched.plain());
    }
}
