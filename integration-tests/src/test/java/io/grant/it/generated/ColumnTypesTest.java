package io.grant.it.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.it.TestDatabase;
import io.grant.it.model.Specimen;
import io.grant.it.model.Specimen.Color;
import io.grant.it.model.SpecimenAsync;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every supported column type, written, read back through the generated mapper, compared, and aggregated. */
class ColumnTypesTest extends GeneratedTestBase {

    private static final Specimen FULL = new Specimen("full", "héllo, wörld", true, false,
            (byte) -7, (byte) 127, (short) -300, (short) 32767, -70000, Integer.MAX_VALUE,
            -5_000_000_000L, Long.MAX_VALUE, 1.5f, -0.25f, Math.PI, -1e-9,
            new BigDecimal("12345678901234567890.0123456789"), new BigInteger("98765432109876543210987654321"),
            UUID.fromString("0b1e2f3a-4b5c-4d6e-8f70-819293a4b5c6"), LocalDate.of(2024, 2, 29),
            LocalTime.of(23, 59, 58, 123_456_000), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
            OffsetDateTime.of(2024, 6, 1, 12, 30, 0, 654_321_000, ZoneOffset.ofHours(2)),
            Instant.parse("2024-03-31T01:30:00.123456Z"), new byte[] {0, 1, -1, 127, -128}, Color.GREEN);

    /** Only the primitives are set: every boxed or reference value is NULL. */
    private static final Specimen EMPTY = new Specimen("empty", null, false, null, (byte) 1, null, (short) 2, null,
            3, null, 4L, null, 0.5f, null, 0.75, null, null, null, null, null, null, null, null, null, null, null);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyValueRoundTrips(TestDatabase database) {
        open(database);
        insert(db, FULL, EMPTY);

        assertSameValues(SpecimenAsync.findOrThrow("full").await(), FULL);
        assertSameValues(SpecimenAsync.findOrThrow("empty").await(), EMPTY);
        assertThat(SpecimenAsync.findBy(SpecimenAsync.UUID, FULL.uuid()).await()).map(Specimen::code).contains("full");
        assertThat(SpecimenAsync.findBy(SpecimenAsync.COLOR, Color.GREEN).await()).map(Specimen::code).contains("full");
        assertThat(SpecimenAsync.findBy(SpecimenAsync.INSTANT, FULL.instant()).await()).isPresent();
        assertThat(SpecimenAsync.findBy(SpecimenAsync.DAY, FULL.day()).await()).isPresent();
        assertThat(SpecimenAsync.where(SpecimenAsync.OFFSET.eq(FULL.offset())).count().await()).isEqualTo(1L);
        assertThat(SpecimenAsync.where(SpecimenAsync.MAYBE.isNull(), SpecimenAsync.TEXT.isNull()).ids().await()
                .toArray()).containsExactly("empty");
    }

    /**
     * A filter on every column type in operations issued together: the aggregates fuse into one statement (each
     * with its own filter, so every type is bound inside a FILTER or its CASE emulation), and the lookups share a
     * round trip on PostgreSQL, where the values are bound through the pipeline's own path.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyTypeFiltersTheSameInOperationsIssuedTogether(TestDatabase database) {
        open(database);
        insert(db, FULL, EMPTY);
        List<AsyncResult<Long>> counts = List.of(
                SpecimenAsync.where(SpecimenAsync.TEXT.eq(FULL.text())).count(),
                SpecimenAsync.where(SpecimenAsync.MAYBE.eq(FULL.maybe())).count(),
                SpecimenAsync.where(SpecimenAsync.TINY_BOXED.eq(FULL.tinyBoxed())).count(),
                SpecimenAsync.where(SpecimenAsync.SMALL_BOXED.eq(FULL.smallBoxed())).count(),
                SpecimenAsync.where(SpecimenAsync.NUMBER_BOXED.eq(FULL.numberBoxed())).count(),
                SpecimenAsync.where(SpecimenAsync.BIG_BOXED.eq(FULL.bigBoxed())).count(),
                SpecimenAsync.where(SpecimenAsync.RATIO_BOXED.eq(FULL.ratioBoxed())).count(),
                SpecimenAsync.where(SpecimenAsync.MEASURE_BOXED.eq(FULL.measureBoxed())).count(),
                SpecimenAsync.where(SpecimenAsync.AMOUNT.eq(FULL.amount())).count(),
                SpecimenAsync.where(SpecimenAsync.HUGE.eq(FULL.huge())).count(),
                SpecimenAsync.where(SpecimenAsync.UUID.eq(FULL.uuid())).count(),
                SpecimenAsync.where(SpecimenAsync.DAY.eq(FULL.day())).count(),
                SpecimenAsync.where(SpecimenAsync.TIME.eq(FULL.time())).count(),
                SpecimenAsync.where(SpecimenAsync.LOCAL.eq(FULL.local())).count(),
                SpecimenAsync.where(SpecimenAsync.OFFSET.eq(FULL.offset())).count(),
                SpecimenAsync.where(SpecimenAsync.INSTANT.eq(FULL.instant())).count(),
                SpecimenAsync.where(SpecimenAsync.BYTES.eq(FULL.bytes())).count(),
                SpecimenAsync.where(SpecimenAsync.COLOR.eq(FULL.color())).count(),
                SpecimenAsync.where(SpecimenAsync.TEXT.isNull()).count());
        List<AsyncResult<Optional<Specimen>>> lookups = List.of(
                SpecimenAsync.findBy(SpecimenAsync.UUID, FULL.uuid()),
                SpecimenAsync.findBy(SpecimenAsync.COLOR, FULL.color()),
                SpecimenAsync.findBy(SpecimenAsync.INSTANT, FULL.instant()),
                SpecimenAsync.findBy(SpecimenAsync.OFFSET, FULL.offset()),
                SpecimenAsync.findBy(SpecimenAsync.LOCAL, FULL.local()),
                SpecimenAsync.findBy(SpecimenAsync.DAY, FULL.day()),
                SpecimenAsync.findBy(SpecimenAsync.AMOUNT, FULL.amount()),
                SpecimenAsync.findBy(SpecimenAsync.HUGE, FULL.huge()),
                SpecimenAsync.findBy(SpecimenAsync.BYTES, FULL.bytes()),
                SpecimenAsync.findBy(SpecimenAsync.TEXT, FULL.text()));
        assertThat(counts.stream().map(AsyncResult::await).toList()).containsOnly(1L);
        for (AsyncResult<Optional<Specimen>> lookup : lookups) {
            assertThat(lookup.await()).as(lookup.operation()).map(Specimen::code).contains("full");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void enumsAreStoredByName(TestDatabase database) {
        open(database);
        insert(db, FULL);

        assertThat(db.dsl().fetchValue("select color from specimens")).isEqualTo("GREEN");
        assertThat(SpecimenAsync.updateAll(SpecimenAsync.COLOR.set(Color.RED)).await()).isEqualTo(1L);
        assertThat(db.dsl().fetchValue("select color from specimens")).isEqualTo("RED");
        assertThat(SpecimenAsync.pluck(SpecimenAsync.COLOR).await()).containsExactly(Color.RED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sumsHaveTheSumTypeAndAreExact(TestDatabase database) {
        open(database);
        Specimen second = new Specimen("second", "a", true, true, (byte) 100, (byte) 100, (short) 30001,
                (short) 30000, Integer.MAX_VALUE, 1, 5_000_000_000L, 1L, 2.5f, 0.25f, 1.0, 1.0,
                new BigDecimal("0.0000000001"), new BigInteger("1"), null, null, null, null, null, null, null, null);
        insert(db, FULL, EMPTY, second);

        assertThat(SpecimenAsync.sum(SpecimenAsync.TINY).await()).isEqualTo(-7L + 1 + 100);
        assertThat(SpecimenAsync.sum(SpecimenAsync.SMALL_BOXED).await()).isEqualTo(32767L + 30000);
        // int columns sum past Integer.MAX_VALUE without overflow
        assertThat(SpecimenAsync.sum(SpecimenAsync.NUMBER).await()).isEqualTo(-70000L + 3 + Integer.MAX_VALUE);
        assertThat(SpecimenAsync.sum(SpecimenAsync.BIG).await()).isEqualTo(-5_000_000_000L + 4 + 5_000_000_000L);
        assertThat(SpecimenAsync.sum(SpecimenAsync.RATIO).await()).isEqualTo(1.5 + 0.5 + 2.5);
        assertThat(SpecimenAsync.sum(SpecimenAsync.MEASURE_BOXED).await()).isCloseTo(1.0 - 1e-9, within(1e-12));
        assertThat(SpecimenAsync.sum(SpecimenAsync.AMOUNT).await())
                .isEqualByComparingTo("12345678901234567890.0123456790");
        assertThat(SpecimenAsync.sum(SpecimenAsync.HUGE).await())
                .isEqualTo(new BigInteger("98765432109876543210987654322"));
        assertThat(SpecimenAsync.avg(SpecimenAsync.SMALL).await()).hasValueSatisfying(
                avg -> assertThat(avg).isEqualByComparingTo("9901")); // (-300 + 2 + 30001) / 3
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void minAndMaxOfEveryOrderedType(TestDatabase database) {
        open(database);
        Specimen later = new Specimen("later", "zzz", true, true, (byte) 8, (byte) 8, (short) 8, (short) 8, 8, 8,
                8L, 8L, 8f, 8f, 8.0, 8.0, new BigDecimal("8"), BigInteger.valueOf(8),
                UUID.fromString("ffffffff-0000-4000-8000-000000000000"), LocalDate.of(2030, 1, 1),
                LocalTime.of(1, 0), LocalDateTime.of(2030, 1, 1, 0, 0),
                OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), Instant.parse("2030-01-01T00:00:00Z"),
                new byte[] {1}, Color.RED);
        insert(db, FULL, EMPTY, later);

        assertThat(SpecimenAsync.min(SpecimenAsync.TEXT).await()).contains(FULL.text());
        assertThat(SpecimenAsync.max(SpecimenAsync.TEXT).await()).contains("zzz");
        assertThat(SpecimenAsync.min(SpecimenAsync.TINY).await()).contains((byte) -7);
        assertThat(SpecimenAsync.max(SpecimenAsync.NUMBER_BOXED).await()).contains(Integer.MAX_VALUE);
        assertThat(SpecimenAsync.min(SpecimenAsync.BIG_BOXED).await()).contains(8L);
        assertThat(SpecimenAsync.max(SpecimenAsync.RATIO).await()).contains(8f);
        assertThat(SpecimenAsync.min(SpecimenAsync.MEASURE).await()).contains(0.75);
        assertThat(SpecimenAsync.max(SpecimenAsync.AMOUNT).await()).hasValueSatisfying(
                max -> assertThat(max).isEqualByComparingTo(FULL.amount()));
        assertThat(SpecimenAsync.max(SpecimenAsync.HUGE).await()).contains(FULL.huge());
        assertThat(SpecimenAsync.min(SpecimenAsync.DAY).await()).contains(FULL.day());
        assertThat(SpecimenAsync.max(SpecimenAsync.TIME).await()).contains(FULL.time());
        assertThat(SpecimenAsync.min(SpecimenAsync.LOCAL).await()).contains(FULL.local());
        assertThat(SpecimenAsync.max(SpecimenAsync.LOCAL).await()).contains(later.local());
        assertThat(SpecimenAsync.min(SpecimenAsync.OFFSET).await().map(OffsetDateTime::toInstant))
                .contains(FULL.offset().toInstant());
        assertThat(SpecimenAsync.min(SpecimenAsync.INSTANT).await()).contains(FULL.instant());
        assertThat(SpecimenAsync.max(SpecimenAsync.INSTANT).await()).contains(later.instant());
        assertThat(SpecimenAsync.min(SpecimenAsync.COLOR).await()).isPresent();
    }

    /** Field by field: arrays by content, decimals by value, offset date-times by instant. */
    private static void assertSameValues(Specimen actual, Specimen expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .withComparatorForType(Comparator.comparing(OffsetDateTime::toInstant), OffsetDateTime.class)
                .isEqualTo(expected);
    }

    private static void insert(Grant db, Specimen... specimens) {
        Table<Record> table = SpecimenAsync.TABLE.table();
        for (Specimen s : specimens) {
            db.dsl().insertInto(table)
                    .set(SpecimenAsync.CODE.field(), s.code())
                    .set(SpecimenAsync.TEXT.field(), s.text())
                    .set(SpecimenAsync.FLAG.field(), s.flag())
                    .set(SpecimenAsync.MAYBE.field(), s.maybe())
                    .set(SpecimenAsync.TINY.field(), s.tiny())
                    .set(SpecimenAsync.TINY_BOXED.field(), s.tinyBoxed())
                    .set(SpecimenAsync.SMALL.field(), s.small())
                    .set(SpecimenAsync.SMALL_BOXED.field(), s.smallBoxed())
                    .set(SpecimenAsync.NUMBER.field(), s.number())
                    .set(SpecimenAsync.NUMBER_BOXED.field(), s.numberBoxed())
                    .set(SpecimenAsync.BIG.field(), s.big())
                    .set(SpecimenAsync.BIG_BOXED.field(), s.bigBoxed())
                    .set(SpecimenAsync.RATIO.field(), s.ratio())
                    .set(SpecimenAsync.RATIO_BOXED.field(), s.ratioBoxed())
                    .set(SpecimenAsync.MEASURE.field(), s.measure())
                    .set(SpecimenAsync.MEASURE_BOXED.field(), s.measureBoxed())
                    .set(SpecimenAsync.AMOUNT.field(), s.amount())
                    .set(SpecimenAsync.HUGE.field(), s.huge())
                    .set(SpecimenAsync.UUID.field(), s.uuid())
                    .set(SpecimenAsync.DAY.field(), s.day())
                    .set(SpecimenAsync.TIME.field(), s.time())
                    .set(SpecimenAsync.LOCAL.field(), s.local())
                    .set(SpecimenAsync.OFFSET.field(), s.offset())
                    .set(SpecimenAsync.INSTANT.field(), s.instant())
                    .set(SpecimenAsync.BYTES.field(), s.bytes())
                    .set(SpecimenAsync.COLOR.field(), s.color())
                    .execute();
        }
    }
}
