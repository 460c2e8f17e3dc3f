package io.grant.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.grant.processor.Compilations.compile;
import static io.grant.processor.Compilations.generated;
import static io.grant.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Good inputs compile without a warning under {@code -Xlint:all}, and the companion has the types API.md promises:
 * checked by compiling code that uses it the way a user would, not by reading its text.
 */
class SupportedInputsTest {

    private static final JavaFileObject SAMPLE = source("com.acme.Sample", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;
            import java.math.BigDecimal;
            import java.math.BigInteger;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.time.LocalDateTime;
            import java.time.LocalTime;
            import java.time.OffsetDateTime;
            import java.util.UUID;

            @GrantModel
            public record Sample(
                @Id long id,
                String text,
                boolean flag, Boolean maybe,
                byte tiny, Byte tinyBoxed,
                short small, Short smallBoxed,
                int number, Integer numberBoxed,
                long big, Long bigBoxed,
                float ratio, Float ratioBoxed,
                double measure, Double measureBoxed,
                BigDecimal amount,
                BigInteger huge,
                UUID uuid,
                LocalDate day,
                LocalTime time,
                LocalDateTime local,
                OffsetDateTime offset,
                Instant instant,
                byte[] bytes,
                Color color) {

                public enum Color { RED, GREEN }
            }
            """);

    @Test
    void everyColumnTypeGetsTheMostSpecificColumn() {
        JavaFileObject usage = source("com.acme.Usage", """
                package com.acme;

                import io.grant.async.AsyncResult;
                import io.grant.query.BooleanColumn;
                import io.grant.query.Column;
                import io.grant.query.NumericColumn;
                import io.grant.query.StringColumn;
                import java.math.BigDecimal;
                import java.math.BigInteger;
                import java.time.Instant;
                import java.time.LocalDate;
                import java.time.LocalDateTime;
                import java.time.LocalTime;
                import java.time.OffsetDateTime;
                import java.util.List;
                import java.util.Optional;
                import java.util.UUID;

                class Usage {
                    NumericColumn<Sample, Long, Long> id = SampleAsync.ID;
                    StringColumn<Sample> text = SampleAsync.TEXT;
                    BooleanColumn<Sample> flag = SampleAsync.FLAG;
                    BooleanColumn<Sample> maybe = SampleAsync.MAYBE;
                    NumericColumn<Sample, Byte, Long> tiny = SampleAsync.TINY;
                    NumericColumn<Sample, Byte, Long> tinyBoxed = SampleAsync.TINY_BOXED;
                    NumericColumn<Sample, Short, Long> small = SampleAsync.SMALL;
                    NumericColumn<Sample, Short, Long> smallBoxed = SampleAsync.SMALL_BOXED;
                    NumericColumn<Sample, Integer, Long> number = SampleAsync.NUMBER;
                    NumericColumn<Sample, Integer, Long> numberBoxed = SampleAsync.NUMBER_BOXED;
                    NumericColumn<Sample, Long, Long> big = SampleAsync.BIG;
                    NumericColumn<Sample, Long, Long> bigBoxed = SampleAsync.BIG_BOXED;
                    NumericColumn<Sample, Float, Double> ratio = SampleAsync.RATIO;
                    NumericColumn<Sample, Float, Double> ratioBoxed = SampleAsync.RATIO_BOXED;
                    NumericColumn<Sample, Double, Double> measure = SampleAsync.MEASURE;
                    NumericColumn<Sample, Double, Double> measureBoxed = SampleAsync.MEASURE_BOXED;
                    NumericColumn<Sample, BigDecimal, BigDecimal> amount = SampleAsync.AMOUNT;
                    NumericColumn<Sample, BigInteger, BigInteger> huge = SampleAsync.HUGE;
                    Column<Sample, UUID> uuid = SampleAsync.UUID;
                    Column<Sample, LocalDate> day = SampleAsync.DAY;
                    Column<Sample, LocalTime> time = SampleAsync.TIME;
                    Column<Sample, LocalDateTime> local = SampleAsync.LOCAL;
                    Column<Sample, OffsetDateTime> offset = SampleAsync.OFFSET;
                    Column<Sample, Instant> instant = SampleAsync.INSTANT;
                    Column<Sample, byte[]> bytes = SampleAsync.BYTES;
                    Column<Sample, Sample.Color> color = SampleAsync.COLOR;

                    void queries() {
                        AsyncResult<Long> count = SampleAsync.count();
                        AsyncResult<Long> sumOfInts = SampleAsync.sum(SampleAsync.NUMBER);
                        AsyncResult<Double> sumOfFloats = SampleAsync.sum(SampleAsync.RATIO);
                        AsyncResult<BigDecimal> sumOfDecimals = SampleAsync.sum(SampleAsync.AMOUNT);
                        AsyncResult<BigInteger> sumOfBigIntegers = SampleAsync.sum(SampleAsync.HUGE);
                        AsyncResult<Optional<BigDecimal>> avg = SampleAsync.avg(SampleAsync.SMALL);
                        AsyncResult<Optional<Instant>> latest = SampleAsync.max(SampleAsync.INSTANT);
                        AsyncResult<Optional<String>> first = SampleAsync.min(SampleAsync.TEXT);
                        AsyncResult<List<Sample.Color>> colors = SampleAsync.pluck(SampleAsync.COLOR);
                        AsyncResult<Optional<UUID>> one = SampleAsync.pick(SampleAsync.UUID);
                        AsyncResult<List<Long>> ids = SampleAsync.ids();
                        AsyncResult<Optional<Sample>> found = SampleAsync.find(7L);
                        AsyncResult<Sample> sure = SampleAsync.findOrThrow(7L);
                        AsyncResult<Optional<Sample>> red = SampleAsync.findBy(SampleAsync.COLOR, Sample.Color.RED);
                        AsyncResult<Long> updated = SampleAsync.updateAll(SampleAsync.TEXT.set("x"), SampleAsync.FLAG.set(true));
                        AsyncResult<Long> touched = SampleAsync.touchAll(SampleAsync.INSTANT, SampleAsync.LOCAL);
                        AsyncResult<List<Sample>> matching = SampleAsync.where(SampleAsync.TEXT.like("a%"),
                                SampleAsync.FLAG.isTrue()).orderBy(SampleAsync.DAY.desc()).limit(3).select();
                    }
                }
                """);

        Compilation compilation = compile(SAMPLE, usage);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aColumnOfAnotherModelDoesNotCompile() {
        JavaFileObject other = source("com.acme.Other", """
                package com.acme;

                @io.grant.annotations.GrantModel
                public record Other(@io.grant.annotations.Id Long id, int number) {}
                """);
        JavaFileObject usage = source("com.acme.Usage", """
                package com.acme;

                class Usage {
                    Object wrong = SampleAsync.sum(OtherAsync.NUMBER);
                }
                """);

        Compilation compilation = compile(SAMPLE, other, usage);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("sum").inFile(usage).onLineContaining("OtherAsync.NUMBER");
    }

    @Test
    void aJavaTransientFieldOfAClassIsNotStored() {
        Compilation compilation = compile(source("com.acme.Session", """
                package com.acme;

                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;
                import io.grant.annotations.Transient;

                @GrantModel
                public class Session {
                    @Id public Long id;
                    public String token;
                    private transient Object cache;
                    @Transient public transient int hits;

                    public Object cache() {
                        return cache;
                    }
                }
                """));
        assertThat(compilation).succeededWithoutWarnings();
        String companion = generated(compilation, "com.acme.SessionAsync");
        assertThat(companion).contains("TOKEN").doesNotContain("CACHE").doesNotContain("HITS");
    }

    @Test
    void aTransientRecordComponentGetsItsTypesDefault() {
        List<String> components = new ArrayList<>(List.of("@Id Long id"));
        for (String type : List.of("boolean", "char", "byte", "short", "int", "long", "float", "double",
                "String", "java.util.List<String>", "Object")) {
            components.add("@Transient " + type + " " + type.replaceAll("\\W", "") + "Value");
        }
        JavaFileObject file = source("com.acme.Cache", """
                package com.acme;

                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;
                import io.grant.annotations.Transient;

                @GrantModel
                public record Cache(%s) {}
                """.formatted(String.join(", ", components)));

        Compilation compilation = compile(file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.CacheAsync")).contains("""
                        return new Cache(
                                row.get(ID),
                                false,
                                '\\0',
                                (byte) 0,
                                (short) 0,
                                0,
                                0L,
                                0F,
                                0D,
                                null,
                                null,
                                null);
                """);
    }

    @Test
    void awkwardNamesStillCompile() {
        // A model called Column, a field called uuid of type UUID, and one called table.
        JavaFileObject file = source("com.acme.Column", """
                package com.acme;

                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;
                import java.util.UUID;

                @GrantModel
                public record Column(@Id UUID uuid, String table, String row, String model) {}
                """);
        JavaFileObject usage = source("com.acme.Usage", """
                package com.acme;

                class Usage {
                    io.grant.query.Column<Column, java.util.UUID> id = ColumnAsync.UUID;
                    io.grant.query.StringColumn<Column> table = ColumnAsync.TABLE_COLUMN;
                    io.grant.query.ModelTable<Column> metadata = ColumnAsync.TABLE;
                }
                """);

        Compilation compilation = compile(file, usage);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("The column constant of Column.table is ColumnAsync.TABLE_COLUMN");
    }

    @Test
    void nestedAndPackagePrivateEntities() {
        JavaFileObject file = source("com.acme.Shop", """
                package com.acme;

                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;

                public class Shop {
                    @GrantModel
                    public record Item(@Id Long id, String name) {}

                    @GrantModel
                    static class Stock {
                        @Id public Long id;
                        public int count;
                    }
                }
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.Shop_ItemAsync"))
                .contains("public final class Shop_ItemAsync {")
                .contains("ModelTable.builder(Shop.Item.class, \"items\")");
        assertThat(generated(compilation, "com.acme.Shop_StockAsync"))
                .contains("\nfinal class Shop_StockAsync {")
                .contains("Shop.Stock model = new Shop.Stock();");
    }

    @Test
    void anEntityInTheUnnamedPackage() {
        JavaFileObject file = source("Thing", """
                @io.grant.annotations.GrantModel
                public record Thing(@io.grant.annotations.Id String id) {}
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation.generatedSourceFile("ThingAsync")).isPresent();
    }

    @Test
    void generatedJavadocPassesDoclint() {
        JavaFileObject file = source("com.acme.Person", """
                package com.acme;

                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;

                /**
                 * A person.
                 *
                 * @param id the key
                 * @param name the name
                 * @param age the age
                 */
                @GrantModel
                public record Person(@Id int id, String name, int age) {}
                """);
        List<String> options = new ArrayList<>(Compilations.OPTIONS);
        options.add("-Xdoclint:all/protected");

        Compilation compilation = Compilations.compile(List.of(new GrantModelProcessor()), options, file);

        assertThat(compilation).succeededWithoutWarnings();
    }
}
