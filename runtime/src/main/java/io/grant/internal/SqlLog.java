package io.grant.internal;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every statement a database runs to the SLF4J logger {@code io.grant.sql}: at DEBUG the operations it answered,
 * their shard, the database, how long it ran, how many rows it returned or changed and its SQL (with {@code ?} for
 * values); at TRACE its bind values too.
 *
 * <pre>
 * User.count@eu [db main, shard eu] 0.412 ms, 1 row: select count(*) from users where users.age &gt;= ?
 * </pre>
 *
 * <p>It costs nothing while the logger is off: {@link #watchesStatements()} asks {@code isDebugEnabled()} before each
 * statement, and a statement nobody else watches is then not even described. Every {@code Grant} has one. Not API.
 */
public final class SqlLog implements Observer {

    /** The logger's name. */
    public static final String LOGGER = "io.grant.sql";

    /** Operations named on one line at most; more are counted. */
    private static final int NAMED = 5;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** The one instance: it keeps no state. */
    public static final SqlLog INSTANCE = new SqlLog();

    private SqlLog() {}

    @Override
    public boolean watchesOperations() {
        return false;
    }

    @Override
    public boolean watchesStatements() {
        return LOG.isDebugEnabled();
    }

    @Override
    public void statement(Executed statement) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        String line = describe(statement);
        if (LOG.isTraceEnabled()) {
            LOG.trace("{}; binds {}", line, statement.binds().get());
        } else {
            LOG.debug(line);
        }
    }

    /** The line logged for {@code statement}, bind values aside. */
    static String describe(Executed statement) {
        StringBuilder line = new StringBuilder(96 + statement.sql().length());
        List<? extends Observed> operations = statement.operations();
        if (operations.isEmpty()) {
            line.append("db.dsl()");
        }
        for (int i = 0; i < operations.size() && i < NAMED; i++) {
            line.append(i == 0 ? "" : ", ").append(operations.get(i).name());
        }
        if (operations.size() > NAMED) {
            line.append(" and ").append(operations.size() - NAMED).append(" more");
        }
        line.append(" [db ").append(statement.database());
        String shard = shard(operations);
        if (shard != null) {
            line.append(", shard ").append(shard);
        }
        line.append("] ").append(String.format(Locale.ROOT, "%.3f ms", statement.nanos() / 1e6));
        if (statement.error() != null) {
            line.append(", failed (").append(statement.error().getClass().getSimpleName()).append(": ")
                    .append(statement.error().getMessage()).append(')');
        } else if (statement.rows() >= 0) {
            line.append(", ").append(statement.rows()).append(statement.rows() == 1 ? " row" : " rows");
        }
        return line.append(": ").append(statement.sql()).toString();
    }

    /** The shards the operations ran on, joined, or {@code null} when none has one. */
    private static String shard(List<? extends Observed> operations) {
        java.util.Set<String> shards = new java.util.LinkedHashSet<>();
        for (Observed operation : operations) {
            if (operation.shard() != null) {
                shards.add(operation.shard());
            }
        }
        return shards.isEmpty() ? null : String.join(", ", shards);
    }

    @Override
    public String toString() {
        return "SqlLog[" + LOGGER + "]";
    }
}
