package io.grant.examples;

import io.grant.Grant;

/** Creates the demo's tables and fills them, fast, with H2's {@code system_range}. */
final class Seed {

    private Seed() {}

    static void schema(Grant db) {
        db.dsl().execute("drop table if exists users");
        db.dsl().execute("drop table if exists orders");
        db.dsl().execute("create table users (id bigint primary key, name varchar(100) not null, "
                + "email_address varchar(200), active boolean not null, age int not null, balance decimal(12,2), "
                + "updated_at timestamp(6) with time zone)");
        db.dsl().execute("create table orders (id bigint primary key, user_id bigint not null, "
                + "total decimal(12,2) not null, status varchar(20) not null, created_at timestamp(6) with time zone)");
    }

    static void users(Grant db, int count) {
        users(db, count, "user");
    }

    static void users(Grant db, int count, String prefix) {
        db.dsl().execute("insert into users select x, '" + prefix + "' || x, 'user' || x || '@example.com', mod(x, 3) <> 0, "
                + "18 + mod(x * 7, 60), mod(x * 13, 10000) / 100.0, timestamp with time zone '2026-01-01 00:00:00Z' "
                + "from system_range(1, " + count + ")");
    }

    static void orders(Grant db, int count, int users) {
        db.dsl().execute("insert into orders select x, 1 + mod(x, " + users + "), mod(x * 31, 50000) / 100.0, "
                + "case mod(x, 10) when 0 then 'disputed' when 1 then 'pending' else 'paid' end, "
                + "timestamp with time zone '2026-01-01 00:00:00Z' + x * interval '1' second from system_range(1, "
                + count + ")");
    }
}
