package io.grant.internal;

import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.Result;

/**
 * Tells a database's observers about the statements run through {@code db.dsl()}, which belong to no operation (SQL
 * logging shows them as {@code db.dsl()}). A statement is timed only if an observer wants it described when it
 * starts. Not API.
 */
@SuppressWarnings("serial") // ExecuteListener is Serializable by inheritance; never serialized
public final class DslStatements implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final String STARTED = "io.grant.statementStarted";

    private final String database;
    private final transient Observers observers;

    /** Tells {@code observers}, of database {@code database}. */
    public DslStatements(String database, Observers observers) {
        this.database = database;
        this.observers = observers;
    }

    @Override
    public void prepareStart(ExecuteContext ctx) {
        if (observers.watchesStatements()) {
            ctx.data(STARTED, System.nanoTime());
        }
    }

    @Override
    public void end(ExecuteContext ctx) {
        if (!(ctx.data(STARTED) instanceof Long started) || ctx.sql() == null) {
            return;
        }
        Result<?> result = ctx.result();
        Query query = ctx.query();
        observers.statement(new Observer.Executed(database, List.of(), ctx.sql(),
                query == null ? List::of : query::getBindValues, System.nanoTime() - started,
                result != null ? result.size() : ctx.rows(), ctx.exception()));
    }
}
