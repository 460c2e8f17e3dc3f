package io.grant.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import io.grant.async.AsyncExecutionException;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import java.time.Duration;
import java.util.List;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** Enums are stored by name, and a name the enum lacks is an error naming model, column and value, never a null. */
class EnumNamesTest {

    enum Size {
        SMALL,
        LARGE
    }

    record Shirt(Long id, Size size) {}

    static final Column<Shirt, Long> ID = Column.of(Shirt.class, "id", "id", Long.class);
    static final Column<Shirt, Size> SIZE = Column.of(Shirt.class, "size", "shirt_size", Size.class);
    static final ModelTable<Shirt> SHIRTS = ModelTable.builder(Shirt.class, "shirts")
            .columns(ID, SIZE).id(ID)
            .mapper(row -> new Shirt(row.get(ID), row.get(SIZE)))
            .build();

    @Test
    void namesAreWrittenAndReadBack() {
        Converter<?, Size> converter = SIZE.field().getDataType().getConverter();

        assertThat(from(converter, "LARGE")).isEqualTo(Size.LARGE);
        assertThat(from(converter, null)).isNull();
        assertThat(to(converter, Size.SMALL)).isEqualTo("SMALL");
    }

    @Test
    void anUnknownNameFailsNamingModelColumnAndValue() {
        Converter<?, Size> converter = SIZE.field().getDataType().getConverter();

        assertThatThrownBy(() -> from(converter, "HUGE"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Shirt.size (column 'shirt_size') holds 'HUGE', which enum EnumNamesTest.Size does not "
                        + "have (its constants: SMALL, LARGE); add the constant to the enum, or correct the value in "
                        + "the database");
    }

    @Test
    void anEnumTypeWithoutItsColumnNamesTheEnum() {
        DataType<Size> type = ColumnTypes.of(Size.class);

        assertThatThrownBy(() -> from(type.getConverter(), "HUGE"))
                .hasMessageStartingWith("a column of EnumNamesTest.Size holds 'HUGE'");
    }

    @Test
    void anOperationReadingAnUnknownNameFailsWithThatMessageNotJooqs() {
        try (Grant db = Grant.builder().jdbcUrl("jdbc:h2:mem:enum-names-" + System.nanoTime()).dialect(SQLDialect.H2)
                .build()) {
            db.dsl().execute("create table shirts (id bigint primary key, shirt_size varchar(10))");
            db.dsl().execute("insert into shirts values (1, 'SMALL'), (2, 'HUGE')");

            assertThatThrownBy(() -> SHIRTS.query().on(db).all().await(Duration.ofSeconds(10)))
                    .isInstanceOf(AsyncExecutionException.class)
                    .hasMessageContaining("Shirt.size (column 'shirt_size') holds 'HUGE'")
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Shirt.size (column 'shirt_size') holds 'HUGE'");
            assertThat(SHIRTS.query().on(db).where(ID.eq(1L)).pluck(SIZE).await()).isEqualTo(List.of(Size.SMALL));
        }
    }

    @SuppressWarnings("unchecked") // the converters of enum columns read Strings
    private static Size from(Converter<?, Size> converter, String name) {
        return ((Converter<String, Size>) converter).from(name);
    }

    @SuppressWarnings("unchecked") // the converters of enum columns write Strings
    private static String to(Converter<?, Size> converter, Size size) {
        return ((Converter<String, Size>) converter).to(size);
    }
}
