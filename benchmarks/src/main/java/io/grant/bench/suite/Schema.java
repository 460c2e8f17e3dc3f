package io.grant.bench.suite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * The suite's tables, created when missing (or when their row count is not the expected one), filled with
 * {@code generate_series}, vacuumed and analyzed:
 * <ul>
 *   <li>{@code bench_users}: {@value #USERS} users ({@link BenchUser}), ids 1..{@value #USERS}, indexes on
 *       {@code name}, {@code email} (unique) and {@code age} (63 ages, so ~1,600 rows each);
 *   <li>{@code bench_entries}: {@value #ENTRIES} entries ({@link BenchEntry}), an unindexed {@code amount}, so
 *       that every aggregate over it reads the whole table.
 * </ul>
 */
public final class Schema {

    public static final int USERS = 100_000;
    public static final int ENTRIES = 1_000_000;

    /** The columns of {@link BenchUser}, in its order, for the peers that write SQL by hand. */
    public static final String USER_COLUMNS = "id, name, email, age, balance, active";

    /** The primary-key lookup of workload 1 as the hand-written peers send it, {@code parameter} its placeholder. */
    public static String findUser(String parameter) {
        return "select " + USER_COLUMNS + " from bench_users where id = " + parameter;
    }

    private Schema() {}

    /** Creates and fills what is missing; says what it did. */
    public static void ensure(Settings settings) throws SQLException {
        try (Connection connection = settings.connect(); Statement sql = connection.createStatement()) {
            if (rows(sql, "bench_users") != USERS) {
                RoundsWorkload.progress("creating bench_users (%,d rows)", USERS);
                sql.execute("drop table if exists bench_users");
                sql.execute("create table bench_users (id bigint primary key, name text not null, email text not null,"
                        + " age int not null, balance numeric(12, 2) not null, active boolean not null)");
                sql.execute("insert into bench_users select g, 'user-' || g, 'user' || g || '@example.com', 18 + g % 63,"
                        + " ((g * 7919) % 1000000) / 100.0, g % 7 <> 0 from generate_series(1::bigint, " + USERS + ") g");
                sql.execute("create index bench_users_name on bench_users (name)");
                sql.execute("create unique index bench_users_email on bench_users (email)");
                sql.execute("create index bench_users_age on bench_users (age)");
                sql.execute("vacuum analyze bench_users");
            }
            if (rows(sql, "bench_entries") != ENTRIES) {
                RoundsWorkload.progress("creating bench_entries (%,d rows)", ENTRIES);
                sql.execute("drop table if exists bench_entries");
                sql.execute("create table bench_entries (id bigint primary key, user_id bigint not null,"
                        + " amount numeric(12, 2) not null, quantity int not null)");
                sql.execute("insert into bench_entries select g, 1 + g % " + USERS + ", ((g * 104729) % 10000000) / 100.0,"
                        + " 1 + g % 9 from generate_series(1::bigint, " + ENTRIES + ") g");
                sql.execute("vacuum analyze bench_entries");
            }
        }
    }

    /** Rows in {@code table}, or -1 if it does not exist. */
    private static long rows(Statement sql, String table) throws SQLException {
        try (ResultSet exists = sql.executeQuery("select to_regclass('" + table + "') is not null")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return -1;
            }
        }
        try (ResultSet count = sql.executeQuery("select count(*) from " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The current row of {@code rows}, selected as {@link #USER_COLUMNS}, as a {@link BenchUser}. */
    public static BenchUser user(ResultSet rows) throws SQLException {
        return new BenchUser(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4), rows.getBigDecimal(5),
                rows.getBoolean(6));
    }

    /** {@code count} random user ids, the same for every peer of one round ({@code seed}). */
    public static long[] randomUserIds(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[count];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt(USERS);
        }
        return ids;
    }
}
