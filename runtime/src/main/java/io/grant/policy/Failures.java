package io.grant.policy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Which failures are transient (worth another attempt) and which mean the database cannot be reached, by SQLState,
 * on H2, PostgreSQL and MariaDB. A jOOQ {@code DataAccessException} is judged by the SQLException it wraps.
 */
public final class Failures {

    private static final Set<String> TRANSIENT = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300");
    private static final Set<String> CONNECTION = Set.of("57P01", "57P02", "57P03", "53300");
    /** MariaDB's deadlock ("Deadlock found when trying to get lock"), whatever SQLState the driver gives it. */
    private static final int MARIADB_DEADLOCK = 1213;

    private Failures() {}

    /** Whether {@code error} is transient: a connection failure, a serialization failure or a deadlock. */
    public static boolean isTransient(Throwable error) {
        SQLException sql = sqlException(error);
        if (sql == null) {
            return error instanceof SQLTransientConnectionException;
        }
        String state = sql.getSQLState();
        return sql instanceof SQLTransientConnectionException || sql.getErrorCode() == MARIADB_DEADLOCK
                || state != null && (state.startsWith("08") || TRANSIENT.contains(state));
    }

    /**
     * Whether {@code error} means the database could not be reached: SQLState class {@code 08}, a server shutting down
     * or restarting, too many connections, or no connection to be had from the pool.
     */
    public static boolean isConnectionFailure(Throwable error) {
        SQLException sql = sqlException(error);
        if (sql == null) {
            return false;
        }
        String state = sql.getSQLState();
        return sql instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || CONNECTION.contains(state));
    }

    /** The first SQLException in {@code error}'s chain of causes, or {@code null}. */
    static SQLException sqlException(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql) {
                return sql;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
