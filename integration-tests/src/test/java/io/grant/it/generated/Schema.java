package io.grant.it.generated;

import io.grant.Grant;
import io.grant.it.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * The tables of the generated entities in {@code io.grant.it.model}, created afresh for each test. Plain lower-case
 * names are created unquoted and reserved words ({@code order}, {@code table}, {@code day}, {@code offset}) quoted
 * in lower case: that is how the runtime writes them.
 */
final class Schema {

    private Schema() {}

    /** Drops and creates every table on {@code db}. */
    static void create(Grant db, TestDatabase database) {
        Types t = new Types(database);
        Map<String, String> tables = Map.of(
                "club_members", """
                        id bigint primary key, name varchar(100), email_address varchar(200),
                        active boolean not null, age int not null, balance decimal(19,4), updated_at %s
                        """.formatted(t.instant()),
                "customers", """
                        id int primary key, name varchar(100), city varchar(100), vip boolean,
                        credit_limit decimal(19,2), updated_at %s
                        """.formatted(t.localDateTime()),
                t.quote("order"), """
                        id %s primary key, %s varchar(20), total decimal(19,2), status varchar(20), placed_at %s
                        """.formatted(t.uuid(), t.quote("table"), t.instant()),
                "specimens", """
                        code varchar(40) primary key, text varchar(200),
                        flag boolean not null, maybe boolean,
                        tiny %1$s not null, tiny_boxed %1$s,
                        small smallint not null, small_boxed smallint,
                        number int not null, number_boxed int,
                        big bigint not null, big_boxed bigint,
                        ratio %2$s not null, ratio_boxed %2$s,
                        measure %3$s not null, measure_boxed %3$s,
                        amount decimal(30,10), huge decimal(38,0), uuid %4$s,
                        %5$s date, time time(6), local %6$s, %7$s %8$s, instant %8$s,
                        bytes %9$s, color varchar(10)
                        """.formatted(t.tinyint(), t.real(), t.doublePrecision(), t.uuid(), t.quote("day"),
                        t.localDateTime(), t.quote("offset"), t.instant(), t.bytes()));
        for (String table : List.of("club_members", "customers", t.quote("order"), "specimens")) {
            db.dsl().execute("drop table if exists " + table);
            db.dsl().execute("create table " + table + " (" + tables.get(table) + ")");
        }
    }

    /** Column types and identifier quotes, per database. */
    private record Types(TestDatabase database) {

        private boolean mariaDb() {
            return database == TestDatabase.MARIADB;
        }

        String quote(String reservedWord) {
            return mariaDb() ? "`" + reservedWord + "`" : "\"" + reservedWord + "\"";
        }

        String instant() {
            return mariaDb() ? "datetime(6)" : "timestamp(6) with time zone";
        }

        String localDateTime() {
            return mariaDb() ? "datetime(6)" : "timestamp(6)";
        }

        String uuid() {
            return "uuid";
        }

        String tinyint() {
            return database == TestDatabase.POSTGRES ? "smallint" : "tinyint";
        }

        String real() {
            return mariaDb() ? "float" : "real";
        }

        String doublePrecision() {
            return mariaDb() ? "double" : "double precision";
        }

        String bytes() {
            return switch (database) {
                case POSTGRES -> "bytea";
                case MARIADB -> "varbinary(100)";
                case H2 -> "varbinary(100)";
            };
        }
    }
}
