package io.grant.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grant.internal.query.Partials.Keyed;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

class RowOrderTest {

    private static final Field<Integer> AGE = DSL.field(DSL.name("age"), SQLDataType.INTEGER);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);

    private static Keyed<String> row(String value, Object... key) {
        return new Keyed<>(Arrays.asList(key), value);
    }

    @Test
    void mergesSortedShardsIntoTheGlobalFirstN() {
        RowOrder order = RowOrder.of(List.of(AGE.asc()));
        List<List<Keyed<String>>> shards = List.of(
                List.of(row("a1", 1), row("a5", 5), row("a9", 9)),
                List.of(),
                List.of(row("c2", 2), row("c3", 3), row("c10", 10)));
        assertThat(order.merge(shards, 4)).containsExactly("a1", "c2", "c3", "a5");
        assertThat(order.merge(shards, -1)).containsExactly("a1", "c2", "c3", "a5", "a9", "c10");
        assertThat(order.merge(shards, 0)).isEmpty();
    }

    @Test
    void nullsAreTheLargestValueUnlessTheOrderSaysOtherwise() {
        List<List<Keyed<String>>> ascending = List.of(List.of(row("a1", 1), row("aNull", (Object) null)),
                List.of(row("b0", 0), row("b2", 2)));
        assertThat(RowOrder.of(List.of(AGE.asc())).merge(ascending, -1)).containsExactly("b0", "a1", "b2", "aNull");
        List<List<Keyed<String>>> descending = List.of(List.of(row("aNull", (Object) null), row("a1", 1)),
                List.of(row("b2", 2), row("b0", 0)));
        assertThat(RowOrder.of(List.of(AGE.desc())).merge(descending, -1)).containsExactly("aNull", "b2", "a1", "b0");
        List<List<Keyed<String>>> nullsFirst = List.of(List.of(row("aNull", (Object) null), row("a1", 1)),
                List.of(row("b0", 0)));
        assertThat(RowOrder.of(List.of(AGE.asc().nullsFirst())).merge(nullsFirst, -1))
                .containsExactly("aNull", "b0", "a1");
    }

    @Test
    void theSqlOrderSaysWhereNullsGoOnEveryDatabase() {
        assertThat(Arrays.toString(RowOrder.of(List.of(AGE.asc(), NAME.desc())).sortFields()))
                .isEqualTo("[\"age\" asc nulls last, \"name\" desc nulls first]");
        assertThat(Arrays.toString(RowOrder.of(List.of(AGE.asc().nullsFirst())).opposite().sortFields()))
                .isEqualTo("[\"age\" desc nulls last]");
    }

    @Test
    void laterColumnsBreakTiesAndEqualRowsKeepShardOrder() {
        RowOrder order = RowOrder.of(List.of(AGE.desc(), NAME.asc()));
        List<List<Keyed<String>>> shards = List.of(
                List.of(row("s0-30-bob", 30, "bob"), row("s0-20-amy", 20, "amy")),
                List.of(row("s1-30-amy", 30, "amy"), row("s1-30-bob", 30, "bob")));
        assertThat(order.merge(shards, -1)).containsExactly("s1-30-amy", "s0-30-bob", "s1-30-bob", "s0-20-amy");
    }

    @Test
    void valuesOfDifferentNumericTypesCompareByValue() {
        assertThat(RowOrder.compareValues(2, 10L)).isNegative();
        assertThat(RowOrder.compareValues(new BigDecimal("2.50"), 2.5d)).isZero();
        assertThat(RowOrder.compareValues(new byte[] {(byte) 0xFF}, new byte[] {0x01})).isPositive();
        assertThat(RowOrder.compareValues("B", "a")).isNegative();
    }
}
