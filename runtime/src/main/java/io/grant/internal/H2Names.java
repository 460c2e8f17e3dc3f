package io.grant.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * H2 folds unquoted names to upper case, so the unquoted {@code users} that Grant writes for a plain name
 * finds a table created as {@code create table users} ({@code USERS}) but not one created with a quoted
 * lower-case name ({@code create table "users"}, which is what jOOQ's DDL writes). This looks the table up
 * once per database and tells the executor to quote every name of the operations on such a table. Only a
 * table that was found is remembered, so one created later is looked up again. Not API.
 */
final class H2Names {

    private final Map<String, Boolean> quoted = new ConcurrentHashMap<>();

    /** Whether {@code table}, a plain lower-case name, exists only as a quoted lower-case table. */
    boolean createdQuoted(Connection connection, String table) throws SQLException {
        Boolean known = quoted.get(table);
        if (known != null) {
            return known;
        }
        boolean lower = false;
        boolean upper = false;
        try (PreparedStatement lookup = connection.prepareStatement("select table_name from information_schema.tables "
                + "where table_schema = current_schema and upper(table_name) = ?")) {
            lookup.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet names = lookup.executeQuery()) {
                while (names.next()) {
                    String name = names.getString(1);
                    lower |= name.equals(table);
                    upper |= name.equals(table.toUpperCase(Locale.ROOT));
                }
            }
        }
        if (!lower && !upper) {
            return false; // not there (yet): let the query say so, and look again next time
        }
        boolean result = lower && !upper;
        quoted.put(table, result);
        return result;
    }
}
