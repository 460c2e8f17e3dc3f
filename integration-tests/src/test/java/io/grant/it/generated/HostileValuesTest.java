package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.it.TestDatabase;
import io.grant.it.model.Note;
import io.grant.it.model.NoteAsync;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile values are data, never SQL: they round-trip through filters, the literal matchers, {@code like} and updates,
 * the same on H2, PostgreSQL and MariaDB. A NUL character, which PostgreSQL cannot store in text, fails with a clear
 * error there.
 */
class HostileValuesTest {

    private static final String MEGABYTE = "é".repeat(512 * 1024) + "x".repeat(512 * 1024);

    /** Each of these is stored, found and changed as the very text it is. */
    private static final List<String> HOSTILE = List.of(
            "O'Brien", "''", "a\"b", "x'); drop table hostile_notes; --", "/* not a comment */", "-- nor this",
            "back\\slash", "ends with \\", "\\", "\\\\", "100% _done_", "%", "_", "\\%", "semi;colon", "tab\there",
            "line\nbreak", "🦄 émoji ✓ 中文", "`backticks`", "$1 $$ ?", MEGABYTE);

    private Grant db;

    @AfterEach
    void close() {
        Grant.setDefault(null);
        if (db != null) {
            db.dsl().execute("drop table if exists hostile_notes");
            db.close();
        }
    }

    private void open(TestDatabase database) {
        db = database.connect(4);
        db.dsl().execute("drop table if exists hostile_notes");
        String text = switch (database) {
            case POSTGRES -> "text";
            case MARIADB -> "longtext character set utf8mb4 collate utf8mb4_bin";
            case H2 -> "character varying(2000000)";
        };
        db.dsl().execute("create table hostile_notes (id bigint primary key, body " + text + ")");
        Grant.setDefault(db);
        for (int i = 0; i < HOSTILE.size(); i++) {
            db.dsl().insertInto(NoteAsync.TABLE.table()).set(NoteAsync.ID.field(), (long) i)
                    .set(NoteAsync.BODY.field(), HOSTILE.get(i)).execute();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hostileTextRoundTripsThroughFiltersMatchersAndUpdates(TestDatabase database) {
        open(database);
        for (int i = 0; i < HOSTILE.size(); i++) {
            String value = HOSTILE.get(i);
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            long id = i;
            assertThat(NoteAsync.findBy(NoteAsync.BODY, value).await().map(Note::id)).as(shown).contains(id);
            assertThat(NoteAsync.where(NoteAsync.BODY.eq(value)).pluck(NoteAsync.ID).await()).as(shown)
                    .containsExactly(id);
            assertThat(NoteAsync.where(NoteAsync.BODY.contains(value)).pluck(NoteAsync.ID).await()).as(shown)
                    .contains(id).allMatch(other -> HOSTILE.get(other.intValue()).contains(value));
            assertThat(NoteAsync.where(NoteAsync.BODY.startsWith(value)).pluck(NoteAsync.ID).await()).as(shown)
                    .contains(id).allMatch(other -> HOSTILE.get(other.intValue()).startsWith(value));
            assertThat(NoteAsync.where(NoteAsync.BODY.endsWith(value)).pluck(NoteAsync.ID).await()).as(shown)
                    .contains(id).allMatch(other -> HOSTILE.get(other.intValue()).endsWith(value));
        }
        // updates write them as data too, and every row still reads back as exactly what it holds
        for (int i = 0; i < HOSTILE.size(); i++) {
            String swapped = HOSTILE.get(HOSTILE.size() - 1 - i);
            assertThat(NoteAsync.where(NoteAsync.ID.eq((long) i)).update(NoteAsync.BODY.set(swapped)).await())
                    .isEqualTo(1L);
        }
        List<String> read = new ArrayList<>();
        for (long i = 0; i < HOSTILE.size(); i++) {
            read.add(NoteAsync.find(i).await().map(Note::body).orElseThrow());
        }
        assertThat(read).isEqualTo(HOSTILE.reversed());
        assertThat(NoteAsync.count().await()).isEqualTo(HOSTILE.size());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void likeTakesBackslashAsItsOnlyEscapeEverywhere(TestDatabase database) {
        open(database);
        assertThat(ids(NoteAsync.BODY.like("100\\% \\_done\\_"))).containsExactly(indexOf("100% _done_"));
        assertThat(ids(NoteAsync.BODY.like("100% %"))).containsExactly(indexOf("100% _done_"));
        assertThat(ids(NoteAsync.BODY.like("\\\\"))).containsExactly(indexOf("\\"));
        assertThat(ids(NoteAsync.BODY.like("ends with \\\\"))).containsExactly(indexOf("ends with \\"));
        assertThat(ids(NoteAsync.BODY.like("\\%"))).containsExactly(indexOf("%"));
        assertThat(ids(NoteAsync.BODY.like("_"))).containsExactlyInAnyOrder(indexOf("%"), indexOf("_"),
                indexOf("\\"));
        assertThatThrownBy(() -> NoteAsync.BODY.like("ends with \\"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escaping nothing");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNulCharacterIsStoredWhereTheDatabaseCanAndFailsClearlyOnPostgreSql(TestDatabase database) {
        open(database);
        String nul = "before\u0000after";
        if (database == TestDatabase.POSTGRES) {
            assertThatThrownBy(() -> NoteAsync.findBy(NoteAsync.BODY, nul).await())
                    .isInstanceOf(AsyncExecutionException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("zero bytes"));
            assertThat(NoteAsync.count().await()).isEqualTo(HOSTILE.size());
        } else {
            assertThat(NoteAsync.where(NoteAsync.ID.eq(0L)).update(NoteAsync.BODY.set(nul)).await()).isEqualTo(1L);
            assertThat(NoteAsync.find(0L).await().map(Note::body)).isEqualTo(Optional.of(nul));
        }
    }

    private static List<Long> ids(io.grant.query.Filter<Note> filter) {
        return NoteAsync.where(filter).orderBy(NoteAsync.ID.asc()).pluck(NoteAsync.ID).await();
    }

    private static long indexOf(String value) {
        return HOSTILE.indexOf(value);
    }
}
