package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.it.model.Gadget;
import io.grant.it.model.GadgetAsync;
import io.grant.it.model.Ticket;
import io.grant.it.model.TicketAsync;
import io.grant.query.RecordNotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writes of API.md section 8 ({@code insert}, {@code insertAll}, {@code save}, {@code upsert},
 * {@code deleteById}) through generated companions, on each database: generated ids, database defaults, nulls, the
 * row as stored, and bad rows that fail with the database's error and leave the table as it was.
 */
class WritesTest {

    // Ids the tests choose are negative: a sequence never reaches them, whatever earlier tests generated.

    private static final Map<TestDatabase, Grant> DATABASES = new EnumMap<>(TestDatabase.class);

    /** The database of {@code database}, with its write tables empty, as the default database. */
    private static Grant open(TestDatabase database) {
        Grant db = DATABASES.computeIfAbsent(database, key -> {
            Grant opened = key.connect(4);
            WriteTables.create(opened, key);
            return opened;
        });
        WriteTables.clear(db);
        Grant.setDefault(db);
        return db;
    }

    @AfterEach
    void clearDefault() {
        Grant.setDefault(null);
    }

    @AfterAll
    static void dropTables() {
        DATABASES.values().forEach(db -> {
            WriteTables.drop(db);
            db.close();
        });
        DATABASES.clear();
    }

    /** Every ticket, by id: what "the table is unchanged" compares. */
    private static List<Ticket> tickets() {
        return TicketAsync.query().orderBy(TicketAsync.ID.asc()).select().await();
    }

    // ---------------------------------------------------------------- insert

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertReturnsTheRowAsStoredWithItsGeneratedIdAndDefaults(TestDatabase database) {
        open(database);
        Instant before = Instant.now().minusSeconds(5);

        Ticket first = TicketAsync.insert(new Ticket(null, "first", null, null, true, null, Ticket.Mood.CALM,
                "a note")).await();
        Ticket second = TicketAsync.insert(Ticket.of("second")).await();

        assertThat(first.id()).isNotNull();
        assertThat(second.id()).isNotNull().isNotEqualTo(first.id());
        assertThat(first.title()).isEqualTo("first");
        assertThat(first.status()).as("column default").isEqualTo("open");
        assertThat(first.priority()).as("column default").isEqualTo(3);
        assertThat(first.urgent()).isTrue();
        assertThat(first.openedAt()).as("column default: the time of the insert")
                .isCloseTo(Instant.now(), within(60, ChronoUnit.SECONDS)).isAfter(before);
        assertThat(first.mood()).isEqualTo(Ticket.Mood.CALM);
        assertThat(first.note()).as("@Transient: not stored, so not in the row as stored").isNull();
        assertThat(second.mood()).as("a column without default gets NULL").isNull();
        assertThat(tickets()).containsExactly(first, second);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertKeepsAnIdAndValuesItIsGiven(TestDatabase database) {
        open(database);
        Instant opened = Instant.parse("2024-03-01T10:15:30.123456Z");
        Ticket given = new Ticket(-1_000L, "given", "closed", 1, false, opened, Ticket.Mood.ANGRY, null);

        assertThat(TicketAsync.insert(given).await()).isEqualTo(given);
        assertThat(TicketAsync.findOrThrow(-1_000L).await()).isEqualTo(given);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRowTheTableRefusesFailsTheInsertAndWritesNothing(TestDatabase database) {
        open(database);
        TicketAsync.insert(Ticket.of("kept").withId(-1L)).await();
        List<Ticket> before = tickets();

        assertDatabaseError(TicketAsync.insert(Ticket.of("again").withId(-1L)), "(?is).*(duplicate|unique).*");
        assertDatabaseError(TicketAsync.insert(Ticket.of(null)), "(?is).*title.*");
        assertDatabaseError(TicketAsync.insert(Ticket.of("twenty-one characters")), "(?is).*too long.*");

        assertThat(tickets()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- insertAll

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertAllOfNothingIsZero(TestDatabase database) {
        open(database);

        assertThat(TicketAsync.insertAll(List.of()).await()).isZero();
        assertThat(TicketAsync.count().await()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertAllInsertsAFewRowsInOrderWithDefaults(TestDatabase database) {
        open(database);
        List<Ticket> rows = List.of(
                Ticket.of("one"),
                new Ticket(null, "two", "closed", 9, true, Instant.parse("2024-01-01T00:00:00Z"), Ticket.Mood.ANGRY,
                        null),
                Ticket.of("three").withStatus("waiting"));

        assertThat(TicketAsync.insertAll(rows).await()).isEqualTo(3L);

        List<Ticket> stored = tickets();
        assertThat(stored).extracting(Ticket::title).as("generated ids follow the order of the rows")
                .containsExactly("one", "two", "three");
        assertThat(stored).extracting(Ticket::status).containsExactly("open", "closed", "waiting");
        assertThat(stored).extracting(Ticket::priority).containsExactly(3, 9, 3);
        assertThat(stored).extracting(Ticket::mood).containsExactly(null, Ticket.Mood.ANGRY, null);
        assertThat(stored.get(0).openedAt()).isCloseTo(Instant.now(), within(60, ChronoUnit.SECONDS));
        assertThat(stored.get(1).openedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertAllOfAHundredThousandRows(TestDatabase database) {
        open(database);
        List<Ticket> rows = manyTickets(100_000);

        assertThat(TicketAsync.insertAll(rows).await()).isEqualTo(100_000L);

        assertThat(TicketAsync.count().await()).isEqualTo(100_000L);
        assertThat(TicketAsync.sum(TicketAsync.PRIORITY).await()).isEqualTo(expectedPrioritySum(rows));
        assertThat(TicketAsync.where(TicketAsync.MOOD.eq(Ticket.Mood.ANGRY)).count().await()).isEqualTo(50_000L);
        assertThat(TicketAsync.query().orderBy(TicketAsync.ID.desc()).limit(2).pluck(TicketAsync.TITLE).await())
                .containsExactly("t99999", "t99998");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertAllIsOneTransactionSoABadLastRowLeavesTheTableUnchanged(TestDatabase database) {
        open(database);
        TicketAsync.insert(Ticket.of("kept")).await();
        List<Ticket> before = tickets();
        List<Ticket> rows = new ArrayList<>(manyTickets(100_000));
        rows.set(rows.size() - 1, Ticket.of("twenty-one characters"));

        assertDatabaseError(TicketAsync.insertAll(rows), "(?is)insertAll of 100000 rows into w_tickets inserted none: "
                + ".*too long.*");
        assertThatThrownBy(() -> TicketAsync.insertAll(rows).await()).cause()
                .as("the database's words, not 500 rows of SQL").message().hasSizeLessThan(1_000);

        assertThat(tickets()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void insertAllWithABadRowFailsAndWritesNothing(TestDatabase database) {
        open(database);
        TicketAsync.insert(Ticket.of("kept").withId(-7L)).await();
        List<Ticket> before = tickets();

        assertDatabaseError(TicketAsync.insertAll(List.of(Ticket.of("a").withId(-8L), Ticket.of("b").withId(-7L))),
                "(?is)insertAll of 2 rows into w_tickets inserted none: .*(duplicate|unique).*");
        assertDatabaseError(TicketAsync.insertAll(List.of(Ticket.of("a").withId(-8L), Ticket.of("b").withId(-8L))),
                "(?is).*(duplicate|unique).*");
        assertDatabaseError(TicketAsync.insertAll(List.of(Ticket.of("a"), Ticket.of(null))), "(?is).*title.*");
        assertDatabaseError(TicketAsync.insertAll(List.of(Ticket.of(null), Ticket.of(null))), "(?is).*title.*");
        assertDatabaseError(TicketAsync.insertAll(List.of(Ticket.of("a"), Ticket.of("twenty-one characters"))),
                "(?is).*too long.*");

        assertThat(tickets()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNullRowInInsertAllFailsAtOnceNamingItsPosition(TestDatabase database) {
        open(database);
        List<Ticket> rows = new ArrayList<>();
        rows.add(Ticket.of("a"));
        rows.add(null);

        assertThatThrownBy(() -> TicketAsync.insertAll(rows)).isInstanceOf(NullPointerException.class)
                .hasMessage("Ticket.insertAll: the row at position 1 is null");
        assertThat(TicketAsync.count().await()).isZero();
    }

    // ---------------------------------------------------------------- save

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void saveInsertsARowWithoutIdAndUpdatesEveryColumnOfOneWithAnId(TestDatabase database) {
        open(database);

        Ticket created = TicketAsync.save(Ticket.of("new")).await();
        assertThat(created.id()).isNotNull();
        assertThat(created.status()).as("the insert of save takes defaults").isEqualTo("open");

        Ticket changed = new Ticket(created.id(), "changed", null, null, true, null, Ticket.Mood.ANGRY, "note");
        Ticket saved = TicketAsync.save(changed).await();

        assertThat(saved).as("every column written as it is, nulls included; the note is not stored")
                .isEqualTo(new Ticket(created.id(), "changed", null, null, true, null, Ticket.Mood.ANGRY, null));
        assertThat(TicketAsync.findOrThrow(created.id()).await()).isEqualTo(saved);
        assertThat(TicketAsync.save(saved).await()).as("saving what is stored changes nothing, and finds the row")
                .isEqualTo(saved);
        assertThat(TicketAsync.count().await()).isEqualTo(1L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void saveOfAnIdNoRowHasFailsWithRecordNotFound(TestDatabase database) {
        open(database);
        TicketAsync.insert(Ticket.of("other").withId(-1L)).await();
        List<Ticket> before = tickets();

        assertThatThrownBy(() -> TicketAsync.save(Ticket.of("ghost").withId(-404L)).await())
                .isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("Ticket.save")
                .cause()
                .isInstanceOf(RecordNotFoundException.class)
                .hasMessageStartingWith("Ticket with id -404 not found");
        assertThat(tickets()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aSaveTheTableRefusesFailsAndChangesNothing(TestDatabase database) {
        open(database);
        Ticket stored = TicketAsync.insert(Ticket.of("kept")).await();
        List<Ticket> before = tickets();

        assertDatabaseError(TicketAsync.save(new Ticket(stored.id(), null, null, null, false, null, null, null)),
                "(?is).*title.*");
        assertDatabaseError(TicketAsync.save(new Ticket(stored.id(), "twenty-one characters", null, null, false, null,
                null, null)), "(?is).*too long.*");

        assertThat(tickets()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- upsert

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertInsertsANewIdAndUpdatesEveryColumnOfAnExistingOne(TestDatabase database) {
        open(database);
        Instant opened = Instant.parse("2024-05-05T05:05:05.5Z");

        Ticket inserted = TicketAsync.upsert(new Ticket(-50L, "fresh", "new", 1, false, opened, null, null)).await();
        assertThat(inserted).isEqualTo(new Ticket(-50L, "fresh", "new", 1, false, opened, null, null));

        Ticket updated = TicketAsync.upsert(new Ticket(-50L, "again", null, null, true, null, Ticket.Mood.CALM, null))
                .await();
        assertThat(updated).as("every column written as it is, nulls included")
                .isEqualTo(new Ticket(-50L, "again", null, null, true, null, Ticket.Mood.CALM, null));
        assertThat(tickets()).containsExactly(updated);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertOfANullIdInsertsWithAGeneratedIdAndNoDefaults(TestDatabase database) {
        open(database);

        Ticket stored = TicketAsync.upsert(Ticket.of("generated")).await();

        assertThat(stored.id()).isNotNull();
        assertThat(stored.status()).as("upsert writes nulls as they are").isNull();
        assertThat(stored.priority()).isNull();
        assertThat(stored.openedAt()).isNull();
        assertThat(tickets()).containsExactly(stored);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUpsertTheTableRefusesFailsAndChangesNothing(TestDatabase database) {
        open(database);
        TicketAsync.insert(Ticket.of("kept").withId(-3L)).await();
        List<Ticket> before = tickets();

        assertDatabaseError(TicketAsync.upsert(Ticket.of("twenty-one characters").withId(-3L)), "(?is).*too long.*");
        assertDatabaseError(TicketAsync.upsert(Ticket.of(null).withId(-4L)), "(?is).*title.*");

        assertThat(tickets()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- deleteById

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deleteByIdSaysWhetherARowWasDeleted(TestDatabase database) {
        open(database);
        Ticket one = TicketAsync.insert(Ticket.of("one")).await();
        Ticket two = TicketAsync.insert(Ticket.of("two")).await();

        assertThat(TicketAsync.deleteById(one.id()).await()).isTrue();
        assertThat(TicketAsync.deleteById(one.id()).await()).isFalse();
        assertThat(TicketAsync.where(TicketAsync.TITLE.eq("other")).deleteById(two.id()).await())
                .as("among the rows the query matches").isFalse();
        assertThat(tickets()).containsExactly(two);
        assertThatThrownBy(() -> TicketAsync.deleteById(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Ticket id must not be null");
    }

    // ---------------------------------------------------------------- a JavaBean

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aJavaBeanIsWrittenThroughItsGettersAndPublicFields(TestDatabase database) {
        open(database);
        LocalDate made = LocalDate.of(2023, 12, 31);

        Gadget inserted = GadgetAsync.insert(new Gadget("g-1", "Lamp", true, 4, made)).await();
        assertThat(inserted.getCode()).isEqualTo("g-1");
        assertThat(inserted.getLabel()).isEqualTo("Lamp");
        assertThat(inserted.isFragile()).isTrue();
        assertThat(inserted.stock).isEqualTo(4);
        assertThat(inserted.madeOn).isEqualTo(made);

        Gadget saved = GadgetAsync.save(new Gadget("g-1", null, false, 5, null)).await();
        assertThat(saved.getLabel()).isNull();
        assertThat(saved.isFragile()).isFalse();
        assertThat(saved.stock).isEqualTo(5);
        assertThat(saved.madeOn).isNull();

        Gadget upserted = GadgetAsync.upsert(new Gadget("g-2", "Desk", false, 1, made)).await();
        assertThat(upserted.getLabel()).isEqualTo("Desk");
        assertThat(GadgetAsync.insertAll(List.of(new Gadget("g-3", "Chair", false, 2, made),
                new Gadget("g-4", null, true, 0, null))).await()).isEqualTo(2L);
        assertThat(GadgetAsync.query().orderBy(GadgetAsync.CODE.asc()).pluck(GadgetAsync.LABEL).await())
                .containsExactly(null, "Desk", "Chair", null);

        assertThat(GadgetAsync.deleteById("g-2").await()).isTrue();
        assertThat(GadgetAsync.deleteById("g-2").await()).isFalse();
        assertThat(GadgetAsync.ids().await()).containsExactlyInAnyOrder("g-1", "g-3", "g-4");
        assertThatThrownBy(() -> GadgetAsync.save(new Gadget("g-9", "Ghost", false, 0, null)).await())
                .cause().isInstanceOf(RecordNotFoundException.class).hasMessageContaining("Gadget with id g-9");
    }

    // ---------------------------------------------------------------- enum values

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNameTheEnumLacksFailsTheReadNamingModelColumnAndValue(TestDatabase database) {
        Grant db = open(database);
        db.dsl().execute("insert into w_tickets (id, title, urgent, mood) values (-77, 'odd', false, 'SLEEPY')");

        for (AsyncResult<?> read : List.of(TicketAsync.all(), TicketAsync.find(-77L), TicketAsync.first(),
                TicketAsync.pluck(TicketAsync.MOOD), TicketAsync.where(TicketAsync.ID.eq(-77L)).limit(1).select())) {
            assertThatThrownBy(read::await)
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("Ticket.mood (column 'mood') holds 'SLEEPY'")
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Ticket.mood (column 'mood') holds 'SLEEPY', which enum Ticket.Mood does not have "
                            + "(its constants: CALM, ANGRY); add the constant to the enum, or correct the value in "
                            + "the database");
        }
        assertThat(TicketAsync.pluck(TicketAsync.TITLE).await()).as("other columns still read").containsExactly("odd");
    }

    // ---------------------------------------------------------------- misuse

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRowIsNotWrittenThroughANarrowedQuery(TestDatabase database) {
        open(database);

        assertThatThrownBy(() -> TicketAsync.where(TicketAsync.URGENT.isTrue()).insert(Ticket.of("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Ticket.insert() writes the row it is given, so it takes no where(), orderBy(), limit() "
                        + "or offset(); call it on TicketAsync.query(), on(db), onShard(name) or forKey(key)");
        assertThatThrownBy(() -> TicketAsync.query().limit(1).upsert(Ticket.of("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Ticket.upsert()");
        assertThat(TicketAsync.count().await()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private static List<Ticket> manyTickets(int count) {
        List<Ticket> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new Ticket(null, "t" + i, i % 3 == 0 ? null : "s" + (i % 7), i % 5 == 0 ? null : i % 11,
                    i % 2 == 0, null, i % 2 == 0 ? Ticket.Mood.ANGRY : Ticket.Mood.CALM, null));
        }
        return rows;
    }

    /** The sum of the priorities as stored: a {@code null} one is the column's default, 3. */
    private static long expectedPrioritySum(List<Ticket> rows) {
        return rows.stream().mapToLong(row -> row.priority() == null ? 3 : row.priority()).sum();
    }

    /** {@code result} fails with the database's error, whose message matches {@code pattern}. */
    private static void assertDatabaseError(AsyncResult<?> result, String pattern) {
        assertThatThrownBy(result::await)
                .isInstanceOf(AsyncExecutionException.class)
                .cause()
                .isInstanceOf(DataAccessException.class)
                .hasMessageMatching(pattern);
    }
}
