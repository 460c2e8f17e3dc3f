package io.grant.it;

import io.grant.Grant;
import org.jooq.DSLContext;

/** A statement that runs for about 30 seconds on each database, and how to see it on the server. */
public final class Slow {

    private Slow() {}

    /** Runs the 30-second statement on {@code dsl}. */
    public static Object run(TestDatabase db, DSLContext dsl) {
        return switch (db) {
            case POSTGRES -> dsl.fetchValue("select pg_sleep(30) /* grant-slow */");
            case MARIADB -> dsl.fetchValue("select sleep(30) /* grant-slow */");
            // H2 checks for cancellation while it iterates rows: 10^12 rows take far longer than 30 s.
            case H2 -> dsl.fetchValue("select /* grant-slow */ count(*) from system_range(1, 1000000) a, "
                    + "system_range(1, 1000000) b where a.x + b.x = -1");
        };
    }

    /** How many copies of the slow statement the server is running now (not counting this query). */
    public static int running(TestDatabase db, Grant grant) {
        return running(db, grant, "grant-slow");
    }

    /** How many statements containing {@code marker} the server is running now (not counting this query). */
    public static int running(TestDatabase db, Grant grant, String marker) {
        String sql = switch (db) {
            case POSTGRES -> "select count(*) from pg_stat_activity where state = 'active' "
                    + "and query like '%" + marker + "%' and pid <> pg_backend_pid()";
            case MARIADB -> "select count(*) from information_schema.processlist where info like '%" + marker + "%' "
                    + "and id <> connection_id()";
            case H2 -> "select count(*) from information_schema.sessions where executing_statement like '%" + marker
                    + "%' and session_id <> session_id()";
        };
        return grant.dsl().fetchOne(sql).get(0, Integer.class);
    }
}
