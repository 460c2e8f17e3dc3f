package io.grant.bench.suite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC as the hand-written peers use it: one prepared statement per query, closed after it. */
public final class Jdbc {

    private static final String FIND_USER = Schema.findUser("?");

    private Jdbc() {}

    /** The user with id {@code id}, or null. */
    public static BenchUser findUser(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND_USER)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Schema.user(rows) : null;
            }
        }
    }
}
