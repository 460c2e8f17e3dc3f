package io.grant.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.query.Column;
import io.grant.query.ModelTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code insertAll} cuts rows into statements, and that writes of given rows are never merged across shards. */
class RowWritesTest {

    record Item(Long id, String name) {}

    static final Column<Item, Long> ID = Column.of(Item.class, "id", "id", Long.class);
    static final Column<Item, String> NAME = Column.of(Item.class, "name", "name", String.class);
    static final ModelTable<Item> ITEMS = ModelTable.builder(Item.class, "items")
            .columns(ID, NAME).id(ID)
            .mapper(row -> new Item(row.get(ID), row.get(NAME)))
            .writer((item, values) -> values.set(ID, item.id()).set(NAME, item.name()))
            .build();

    @Test
    void aStatementHasAtMostFiveHundredRows() {
        List<List<Object>> rows = rows(1_234, 2, "x");

        assertThat(RowWrites.chunkEnd(rows, 0)).isEqualTo(500);
        assertThat(RowWrites.chunkEnd(rows, 500)).isEqualTo(1_000);
        assertThat(RowWrites.chunkEnd(rows, 1_000)).isEqualTo(1_234);
    }

    @Test
    void aStatementHasAtMostTheBindValuesPostgresqlCanNumber() {
        List<List<Object>> rows = rows(500, 200, "x"); // 200 values a row: 327 rows are 65,400 values

        assertThat(RowWrites.chunkEnd(rows, 0)).isEqualTo(65_535 / 200);
    }

    @Test
    void nullsAreDefaultsAndTakeNoBindValue() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            List<Object> row = new ArrayList<>(Collections.nCopies(200, (Object) null));
            row.set(0, (long) i);
            rows.add(row);
        }

        assertThat(RowWrites.chunkEnd(rows, 0)).isEqualTo(500);
    }

    @Test
    void aStatementStaysWellUnderMariaDbsDefaultPacketSize() {
        String large = "x".repeat(300_000); // about 900 kB in UTF-8 at worst

        List<List<Object>> rows = rows(10, 2, large);

        assertThat(RowWrites.chunkEnd(rows, 0)).isEqualTo(4);
        assertThat(RowWrites.chunkEnd(rows(3, 2, "x".repeat(5_000_000)), 0))
                .as("a row larger than the budget still goes, alone").isEqualTo(1);
    }

    @Test
    void writesOfGivenRowsAreNotMergedAcrossShards() {
        Computation<Item, Item> insert = new Computation.Insert<>(ITEMS.values(new Item(null, "a")), true, "insert");

        assertThatThrownBy(() -> Merge.of(insert, QuerySpec.of(ITEMS), List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Item.insert writes on one database and is not run across shards; choose the shard with "
                        + "onShard(name), forKey(key) or ShardManager.withShard");
        assertThatThrownBy(() -> Merge.of(new Computation.DeleteById<>(ID, 1L), QuerySpec.of(ITEMS), List.of(), -1))
                .hasMessageStartingWith("Item.deleteById writes on one database");
    }

    /** {@code count} rows of {@code width} values each, the first an id, the others {@code text}. */
    private static List<List<Object>> rows(int count, int width, String text) {
        List<List<Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Object[] row = new Object[width];
            Arrays.fill(row, text);
            row[0] = (long) i;
            rows.add(Arrays.asList(row));
        }
        return rows;
    }
}
