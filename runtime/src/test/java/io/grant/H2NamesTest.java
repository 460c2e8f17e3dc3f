package io.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.StringColumn;
import java.util.UUID;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * On H2 (which folds unquoted names to upper case) a model finds its table whether it was created with
 * plain SQL ({@code create table pets}) or with jOOQ's DDL (quoted lower-case names).
 */
class H2NamesTest {

    record Pet(Long id, String name) {}

    static final NumericColumn<Pet, Long, Long> ID = NumericColumn.of(Pet.class, "id", "id", Long.class, Long.class);
    static final StringColumn<Pet> NAME = StringColumn.of(Pet.class, "name", "name");
    static final ModelTable<Pet> PETS = ModelTable.builder(Pet.class, "pets").columns(ID, NAME).id(ID)
            .mapper(row -> new Pet(row.get(ID), row.get(NAME))).build();

    private static Grant h2() {
        return Grant.builder().jdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").poolSize(2).build();
    }

    @Test
    void findsATableCreatedWithPlainSql() {
        try (Grant db = h2()) {
            db.dsl().execute("create table pets (id bigint primary key, name varchar(50))");
            db.dsl().execute("insert into pets values (1, 'Rex'), (2, 'Tom')");
            assertThat(PETS.query().on(db).orderBy(NAME.desc()).pluck(NAME).await()).containsExactly("Tom", "Rex");
        }
    }

    @Test
    void findsATableCreatedWithJooqDdl() {
        try (Grant db = h2()) {
            db.dsl().createTable("pets").column("id", SQLDataType.BIGINT).column("name", SQLDataType.VARCHAR(50))
                    .execute();
            db.dsl().execute("insert into \"pets\" values (1, 'Rex'), (2, 'Tom')");
            assertThat(db.dsl().fetchOne("select table_name from information_schema.tables where upper(table_name) = "
                    + "'PETS'").get(0)).as("jOOQ created the table with a quoted lower-case name").isEqualTo("pets");
            assertThat(PETS.query().on(db).where(NAME.eq("Tom")).pluck(ID).await()).containsExactly(2L);
            assertThat(PETS.query().on(db).count().await()).isEqualTo(2L);
            assertThat(PETS.query().on(db).find(1L).await()).contains(new Pet(1L, "Rex"));
        }
    }
}
