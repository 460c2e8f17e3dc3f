package io.grant.it;

import io.grant.query.BooleanColumn;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.StringColumn;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A model described by hand, the way the processor will describe generated ones: the runtime's own
 * integration tests do not depend on the processor.
 */
public record Person(Long id, String name, int age, BigDecimal balance, boolean active, Instant updatedAt) {

    public static final NumericColumn<Person, Long, Long> ID =
            NumericColumn.of(Person.class, "id", "id", Long.class, Long.class);
    public static final StringColumn<Person> NAME = StringColumn.of(Person.class, "name", "name");
    public static final NumericColumn<Person, Integer, Long> AGE =
            NumericColumn.of(Person.class, "age", "age", Integer.class, Long.class);
    public static final NumericColumn<Person, BigDecimal, BigDecimal> BALANCE =
            NumericColumn.of(Person.class, "balance", "balance", BigDecimal.class, BigDecimal.class);
    public static final BooleanColumn<Person> ACTIVE = BooleanColumn.of(Person.class, "active", "active");
    public static final Column<Person, Instant> UPDATED_AT =
            Column.of(Person.class, "updatedAt", "updated_at", Instant.class);

    public static final ModelTable<Person> TABLE = ModelTable.builder(Person.class, "people")
            .columns(ID, NAME, AGE, BALANCE, ACTIVE, UPDATED_AT)
            .id(ID)
            .updatedAt(UPDATED_AT)
            .mapper(row -> new Person(row.get(ID), row.get(NAME), row.require(AGE), row.get(BALANCE),
                    row.require(ACTIVE), row.get(UPDATED_AT)))
            .build();

    /** The DDL of {@link #TABLE} on {@code db}. */
    public static String ddl(TestDatabase db) {
        String timestamp = db == TestDatabase.MARIADB ? "datetime(6)" : "timestamp(6) with time zone";
        return "create table people (id bigint primary key, name varchar(100), age int not null, "
                + "balance decimal(19,4), active boolean not null, updated_at " + timestamp + ")";
    }
}
