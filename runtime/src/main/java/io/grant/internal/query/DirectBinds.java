package io.grant.internal.query;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds a value of a simple type through its plain JDBC setter, as jOOQ would bind it, without jOOQ's binding
 * machinery: for statements whose SQL is rendered once per shape (lookups, multi-row inserts). Not API.
 */
final class DirectBinds {

    private DirectBinds() {}

    /** Sets parameter {@code index} of {@code statement} to {@code value}, which is not {@code null}. */
    static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case String s -> statement.setString(index, s);
            case Long l -> statement.setLong(index, l);
            case Integer i -> statement.setInt(index, i);
            case Short s -> statement.setShort(index, s);
            case Boolean b -> statement.setBoolean(index, b);
            case BigDecimal d -> statement.setBigDecimal(index, d);
            default -> statement.setObject(index, value);
        }
    }
}
