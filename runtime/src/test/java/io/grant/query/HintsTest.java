package io.grant.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.shard.ShardedQuery;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Error hints name the model's own columns, by the constant grant-processor generates for them, never a column the
 * model does not have.
 */
class HintsTest {

    record Visit(Long id, String pageUrl, LocalDate seenOn) {}

    record Tag(String label) {}

    record Seat(Long id, String table) {}

    static final Column<Visit, Long> VISIT_ID = Column.of(Visit.class, "id", "id", Long.class);
    static final StringColumn<Visit> PAGE_URL = StringColumn.of(Visit.class, "pageUrl", "page_url");
    static final Column<Visit, LocalDate> SEEN_ON = Column.of(Visit.class, "seenOn", "seen_on", LocalDate.class);
    static final ModelTable<Visit> VISITS = ModelTable.builder(Visit.class, "visits")
            .columns(VISIT_ID, PAGE_URL, SEEN_ON).id(VISIT_ID)
            .mapper(row -> new Visit(row.get(VISIT_ID), row.get(PAGE_URL), row.get(SEEN_ON)))
            .build();

    static final StringColumn<Tag> LABEL = StringColumn.of(Tag.class, "label", "label");
    static final ModelTable<Tag> TAGS = ModelTable.builder(Tag.class, "tags")
            .columns(LABEL).id(LABEL)
            .mapper(row -> new Tag(row.get(LABEL)))
            .build();

    static final Column<Seat, Long> SEAT_ID = Column.of(Seat.class, "id", "id", Long.class);
    static final StringColumn<Seat> TABLE = StringColumn.of(Seat.class, "table", "table");
    static final ModelTable<Seat> SEATS = ModelTable.builder(Seat.class, "seats")
            .columns(SEAT_ID, TABLE).id(SEAT_ID)
            .mapper(row -> new Seat(row.get(SEAT_ID), row.get(TABLE)))
            .build();

    @Test
    void anUpdateWithoutAssignmentSuggestsAColumnOfTheModel() {
        assertThatThrownBy(() -> AsyncQuery.of(VISITS).update())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Visit.update() needs at least one assignment, e.g. update(HintsTest_VisitAsync.PAGE_URL"
                        + ".set(...))");
        assertThatThrownBy(() -> ShardedQuery.of(VISITS).update())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Visit.acrossShards().update() needs at least one assignment, e.g. "
                        + "update(HintsTest_VisitAsync.PAGE_URL.set(...))");
        assertThatThrownBy(() -> ShardedQuery.of(VISITS).partial(Duration.ofSeconds(1)).update())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Visit.acrossShards().partial(...).update() needs at least one assignment, e.g. "
                        + "update(HintsTest_VisitAsync.PAGE_URL.set(...))");
    }

    @Test
    void aModelWithOnlyAnIdSuggestsTheId() {
        assertThatThrownBy(() -> AsyncQuery.of(TAGS).update())
                .hasMessageContaining("e.g. update(HintsTest_TagAsync.LABEL.set(...))");
    }

    @Test
    void aColumnNamedTableHasTheConstantTheProcessorRenamesItTo() {
        assertThatThrownBy(() -> AsyncQuery.of(SEATS).update())
                .hasMessageContaining("e.g. update(HintsTest_SeatAsync.TABLE_COLUMN.set(...))");
    }

    @Test
    void touchAllWithoutUpdatedAtSuggestsATemporalColumnOfTheModel() {
        assertThatThrownBy(() -> AsyncQuery.of(VISITS).touchAll())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Visit has no updated_at column; name the columns to touch, e.g. "
                        + "touchAll(HintsTest_VisitAsync.SEEN_ON)");
    }

    @Test
    void touchAllOfAColumnThatIsNotTemporalSuggestsATemporalColumnOfTheModel() {
        assertThatThrownBy(() -> AsyncQuery.of(VISITS).touchAll(PAGE_URL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("touchAll needs temporal columns (Instant, LocalDateTime, OffsetDateTime, LocalDate); "
                        + "Visit.pageUrl (page_url) is a String; e.g. touchAll(HintsTest_VisitAsync.SEEN_ON)");
        assertThatThrownBy(() -> AsyncQuery.of(TAGS).touchAll(LABEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("touchAll needs temporal columns (Instant, LocalDateTime, OffsetDateTime, LocalDate); "
                        + "Tag.label (label) is a String, and Tag has no temporal column; use update(...) instead");
    }

    @Test
    void touchAllOfAModelWithoutTemporalColumnSuggestsNoColumn() {
        assertThatThrownBy(() -> AsyncQuery.of(TAGS).touchAll())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tag has no updated_at column, and no temporal column (Instant, LocalDateTime, "
                        + "OffsetDateTime, LocalDate) for touchAll to set; use update(...) instead");
        assertThat(TAGS.columns()).extracting(Column::property).containsExactly("label");
    }
}
