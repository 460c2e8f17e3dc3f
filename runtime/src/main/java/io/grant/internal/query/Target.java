package io.grant.internal.query;

import io.grant.Grant;
import io.grant.async.AsyncResult;
import io.grant.internal.GrantAccess;
import io.grant.internal.ShardContext;
import io.grant.query.ModelTable;
import io.grant.shard.ShardManager;

/**
 * Where a query runs, decided once, when its terminal method is called, so that it survives any later thread hop:
 * the database given to {@code on(db)}, else the shard given to {@code onShard}, else the model's
 * {@code @GrantModel(connection = ...)}, else the shard of the enclosing {@code withShard}, else the default
 * database. Not API.
 *
 * @param db the database
 * @param shard the shard's name, or {@code null} when not on a shard
 */
public record Target(Grant db, String shard) {

    /**
     * Resolves where a query of {@code table} runs, given what it was bound to ({@code null}s for nothing).
     *
     * @throws IllegalStateException naming the model and how to register a database, if there is none to run on
     * @throws IllegalArgumentException listing the registered shards, if a shard is unknown
     */
    public static Target of(ModelTable<?> table, Grant db, String shard) {
        if (db != null) {
            return new Target(db, null);
        }
        if (shard != null) {
            return new Target(ShardManager.shard(shard), shard);
        }
        String connection = table.connection();
        if (!connection.isEmpty()) {
            try {
                return new Target(Grant.named(connection), null);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(table.modelName() + " uses @GrantModel(connection = \"" + connection
                        + "\"). " + e.getMessage(), e);
            }
        }
        String current = ShardContext.current();
        if (current != null) {
            return new Target(ShardManager.shard(current), current);
        }
        Grant fallback = Grant.findDefault().orElse(null);
        if (fallback == null) {
            Grant closed = GrantAccess.get() == null ? null : GrantAccess.get().closedDefault().orElse(null);
            if (closed != null) {
                throw new IllegalStateException("The default database '" + closed.name() + "', which " + table.modelName()
                        + " uses, was closed: open another and call Grant.setDefault(db)");
            }
            throw new IllegalStateException("No default database for " + table.modelName() + " (it names no "
                    + "connection): call Grant.setDefault(Grant.builder().jdbcUrl(...).build()), or register one with "
                    + "Grant.register(name, db) and name it in @GrantModel(connection = name)");
        }
        return new Target(fallback, null);
    }

    /** Starts {@code computation} over {@code spec} here. */
    public <M, R> AsyncResult<R> submit(QuerySpec<M> spec, Computation<M, R> computation) {
        return GrantAccess.get().dispatcher(db).submit(new QueryOperation<>(spec, computation, shard, db.dialect()));
    }
}
