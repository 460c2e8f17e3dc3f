package io.grant.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a table's writer reads from an instance: every column's value, in column order, nulls kept. */
class RowValuesTest {

    record Note(Long id, String text, int stars) {}

    record Other(Long id) {}

    static final Column<Note, Long> ID = Column.of(Note.class, "id", "id", Long.class);
    static final StringColumn<Note> TEXT = StringColumn.of(Note.class, "text", "text");
    static final NumericColumn<Note, Integer, Long> STARS =
            NumericColumn.of(Note.class, "stars", "stars", Integer.class, Long.class);

    private static ModelTable.Builder<Note> notes() {
        return ModelTable.builder(Note.class, "notes").columns(ID, TEXT, STARS).id(ID)
                .mapper(row -> new Note(row.get(ID), row.get(TEXT), row.require(STARS)));
    }

    @Test
    void theValuesAreInColumnOrderWhateverOrderTheWriterSetsThem() {
        ModelTable<Note> table = notes()
                .writer((note, values) -> values.set(STARS, note.stars()).set(ID, note.id()).set(TEXT, note.text()))
                .build();

        assertThat(table.values(new Note(7L, null, 5))).containsExactly(7L, null, 5);
        assertThat(table.writer()).isPresent();
    }

    @Test
    void aColumnTheWriterLeavesOutIsNull() {
        ModelTable<Note> table = notes().writer((note, values) -> values.set(TEXT, note.text())).build();

        assertThat(table.values(new Note(7L, "hi", 5))).isEqualTo(Arrays.asList(null, "hi", null));
    }

    @Test
    void theValuesCannotBeChanged() {
        ModelTable<Note> table = notes().writer((note, values) -> values.set(ID, note.id())).build();

        assertThatThrownBy(() -> table.values(new Note(1L, "a", 1)).set(0, 2L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aTableWithoutWriterCannotBeWritten() {
        ModelTable<Note> table = notes().build();

        assertThat(table.writer()).isEmpty();
        assertThatThrownBy(() -> table.values(new Note(1L, "a", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Note cannot be written: its ModelTable has no writer; set writer(...) on "
                        + "ModelTable.builder, as the companions grant-processor generates do");
        assertThatThrownBy(() -> table.query().insert(new Note(1L, "a", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Note cannot be written");
    }

    @Test
    void aColumnOfAnotherTableIsRefused() {
        @SuppressWarnings("unchecked") // a column of another model, smuggled in past the compiler on purpose
        Column<Note, Long> foreign = (Column<Note, Long>) (Column<?, ?>) Column.of(Other.class, "id", "id", Long.class);
        ModelTable<Note> table = notes().writer((note, values) -> values.set(foreign, note.id())).build();

        assertThatThrownBy(() -> table.values(new Note(1L, "a", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Other.id (id) is not a column of ModelTable[Note -> notes]");
    }
}
