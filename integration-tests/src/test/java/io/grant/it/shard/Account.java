package io.grant.it.shard;

import io.grant.Grant;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.StringColumn;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;

/**
 * The sharded model of these tests, described by hand (no processor needed): its id is its shard key.
 * {@code balance} is NULL in every seventh row, so NULL handling in merges is always exercised.
 */
public record Account(Long id, String name, int age, BigDecimal balance, LocalDateTime updatedAt) {

    public static final NumericColumn<Account, Long, Long> ID =
            NumericColumn.of(Account.class, "id", "id", Long.class, Long.class);
    public static final StringColumn<Account> NAME = StringColumn.of(Account.class, "name", "name");
    public static final NumericColumn<Account, Integer, Long> AGE =
            NumericColumn.of(Account.class, "age", "age", Integer.class, Long.class);
    public static final NumericColumn<Account, BigDecimal, BigDecimal> BALANCE =
            NumericColumn.of(Account.class, "balance", "balance", BigDecimal.class, BigDecimal.class);
    public static final Column<Account, LocalDateTime> UPDATED_AT =
            Column.of(Account.class, "updatedAt", "updated_at", LocalDateTime.class);

    static final LocalDateTime LONG_AGO = LocalDateTime.of(2020, 1, 1, 0, 0);

    /** The model on table {@code name}, sharded by its id. */
    static ModelTable<Account> table(String name) {
        return builder(name).shardKey(ID).build();
    }

    /** The model on table {@code name}, bound to the registered connection {@code connection}. */
    static ModelTable<Account> onConnection(String name, String connection) {
        return builder(name).connection(connection).build();
    }

    /** The model on table {@code name}, sharded by a column that is not its id. */
    static ModelTable<Account> shardedByName(String name) {
        return builder(name).shardKey(NAME).build();
    }

    private static ModelTable.Builder<Account> builder(String name) {
        return ModelTable.builder(Account.class, name)
                .columns(ID, NAME, AGE, BALANCE, UPDATED_AT)
                .id(ID)
                .updatedAt(UPDATED_AT)
                .mapper(row -> new Account(row.get(ID), row.get(NAME), row.require(AGE), row.get(BALANCE),
                        row.get(UPDATED_AT)));
    }

    /** Account {@code i} of shard number {@code shard}: ages, balances and names differ from shard to shard. */
    static Account one(int shard, int i) {
        long id = (shard + 1) * 100_000L + i;
        int age = 18 + (shard * 23 + i * 7) % 60;
        BigDecimal balance = i % 7 == 3 ? null : BigDecimal.valueOf((id * 37) % 100_000 - 20_000, 2);
        return new Account(id, "a" + shard + "-" + String.format("%05d", i), age, balance, LONG_AGO);
    }

    /** {@code size} accounts of shard number {@code shard}. */
    static List<Account> generate(int shard, int size) {
        List<Account> accounts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            accounts.add(one(shard, i));
        }
        return accounts;
    }

    /** Drops and creates table {@code name} on {@code db}, then inserts {@code rows}. */
    static void recreate(Grant db, String name, List<Account> rows) {
        DSLContext dsl = db.dsl();
        dsl.execute("drop table if exists " + name);
        String timestamp = db.dialect().family() == SQLDialect.MARIADB ? "datetime(6)" : "timestamp(6)";
        dsl.execute("create table " + name + " (id bigint primary key, name varchar(100) not null, age int not null, "
                + "balance decimal(12,2), updated_at " + timestamp + ")");
        insert(db, name, rows);
    }

    /** Inserts {@code rows} into table {@code name}. */
    static void insert(Grant db, String name, List<Account> rows) {
        ModelTable<Account> table = table(name);
        for (int from = 0; from < rows.size(); from += 500) {
            InsertValuesStepN<Record> insert = db.dsl().insertInto(table.table()).columns(table.fields());
            for (Account a : rows.subList(from, Math.min(rows.size(), from + 500))) {
                insert = insert.values(a.id(), a.name(), a.age(), a.balance(), a.updatedAt());
            }
            insert.execute();
        }
    }
}
