package io.grant.internal.query;

import io.grant.query.Column;
import io.grant.query.ModelTable;
import io.grant.query.RecordNotFoundException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.InsertOnDuplicateSetStep;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.UpdateSetMoreStep;
import org.jooq.UpdateSetStep;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * The SQL of the writes of given rows, per dialect, each reading back the row as stored. A row is the list of its
 * column values in the order of {@link ModelTable#columns()} ({@link ModelTable#values}).
 *
 * <ul>
 *   <li>{@code insert}: {@code insert ... values (...) returning <every column>}: PostgreSQL and MariaDB (10.5 and
 *       later) natively, H2 as {@code select ... from final table (insert ...)}. So a generated id (identity,
 *       serial, auto_increment) and every database default come back in the same statement.
 *   <li>{@code insertAll}: multi-row {@code insert ... values (...), (...)} in chunks, all in one transaction
 *       ({@link Atomically}). A chunk has at most {@value #MAX_ROWS} rows, at most {@value #MAX_BINDS} bind values
 *       (PostgreSQL's protocol cannot number more) and about {@value #MAX_BYTES} bytes of text and binary values
 *       (MariaDB refuses a statement longer than its {@code max_allowed_packet}, 16 MiB by default). 500 rows is
 *       where a statement's cost stops falling on PostgreSQL: fewer rows mean more statements to plan, more rows
 *       a larger one, for no gain. Chunks of one shape go out as one JDBC batch, so the driver pipelines them.
 *   <li>{@code save} of a row with an id: {@code update ... set <every other column> where id = ?} and the row
 *       read back: {@code returning} on PostgreSQL, {@code final table} on H2; MariaDB has no {@code update ...
 *       returning}, so there the update and a select by id run in one transaction. No row: the result fails with
 *       {@link RecordNotFoundException}.
 *   <li>{@code upsert}: one statement; PostgreSQL {@code insert ... on conflict (id) do update set c = excluded.c
 *       ... returning}; MariaDB {@code insert ... on duplicate key update c = values(c) ... returning} (which fires on
 *       a conflict on any unique key, not only the id); H2 {@code select ... from final table (merge into ...
 *       key (id) values (...))}.
 * </ul>
 * A {@code null} is written as the column's {@code DEFAULT} where the write says so (every column of
 * {@code insert} and {@code insertAll}; the id alone of {@code upsert}), else as {@code NULL}. Not API.
 */
final class RowWrites {

    /** The most rows in one statement of {@code insertAll}. */
    static final int MAX_ROWS = 500;

    /** The most bind values in one statement: PostgreSQL numbers them with 16 bits. */
    static final int MAX_BINDS = 65_535;

    /** About the most bytes of text and binary values in one statement. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** The most statements of {@code insertAll} in one JDBC batch. */
    static final int MAX_BATCH = 16;

    private RowWrites() {}

    // ---------------------------------------------------------------- insert

    /**
     * Inserts {@code row}; a {@code null} becomes the column's default when {@code defaults}, else only in the id.
     *
     * @return the row as stored
     */
    static <M> M insert(DSLContext dsl, ModelTable<M> table, List<Object> row, boolean defaults) {
        List<Field<?>> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            Column<M, ?> column = table.columns().get(i);
            boolean useDefault = row.get(i) == null && (defaults || column == table.id());
            cells.add(useDefault ? DSL.defaultValue(column.field()) : value(column, row.get(i)));
        }
        Record stored = dsl.insertInto(table.table(), table.fields()).values(cells)
                .returningResult(table.fields())
                .fetchOne();
        if (stored == null) {
            throw new IllegalStateException("insert into " + table.name() + " returned no row");
        }
        return table.map(stored);
    }

    /**
     * Inserts every row, in chunks, in one transaction; the number of rows inserted. Consecutive chunks of the same
     * shape (as many rows, {@code null}s in the same places) share one statement text and go out as one JDBC batch of
     * up to {@value #MAX_BATCH} chunks, which the driver pipelines: the database inserts one chunk while the next is
     * sent. A column {@code null} in every row of a chunk is left out of its statement, which gives it its default as
     * {@code DEFAULT} would, in a shorter statement (an id the database generates, typically).
     */
    static <M> long insertAll(DSLContext dsl, ModelTable<M> table, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        InsertRows chunks = new InsertRows(rows, table.columns().size());
        try {
            return Atomically.run(dsl, () -> insertChunks(dsl, table, chunks));
        } catch (DataAccessException e) {
            throw concise("insertAll of " + rows.size() + " rows into " + table.name() + " inserted none", e);
        }
    }

    private static <M> long insertChunks(DSLContext dsl, ModelTable<M> table, InsertRows rows) {
        int from = 0;
        while (from < rows.size()) {
            int first = from;
            int to = chunkEnd(rows, from);
            boolean[] written = rows.written(from, to);
            List<Field<?>> columns = new ArrayList<>(written.length);
            for (int i = 0; i < written.length; i++) {
                if (written[i]) {
                    columns.add(table.fields().get(i));
                }
            }
            BatchBindStep batch = dsl.batch(dsl.query("insert into {0} ({1}) values {2}", table.table(),
                    DSL.list(columns), ValuesList.of(table, written, rows.rows(from, to))))
                    .bind(ValuesList.rows(table, written, rows.rows(from, to)));
            int chunks = 1;
            int count = to - from;
            from = to;
            while (from < rows.size() && chunks < MAX_BATCH) {
                int end = chunkEnd(rows, from);
                if (end - from != count || !rows.sameShape(first, from, count)) {
                    break;
                }
                batch = batch.bind(ValuesList.rows(table, written, rows.rows(from, end)));
                chunks++;
                from = end;
            }
            batch.execute(); // a multi-row insert that succeeds inserted every row: drivers may not count them
        }
        return rows.size();
    }

    /** Where the chunk from {@code from} ends: within {@link #MAX_ROWS}, {@link #MAX_BINDS} and {@link #MAX_BYTES}. */
    static int chunkEnd(InsertRows rows, int from) {
        return rows.chunkEnd(from, MAX_ROWS, MAX_BINDS, MAX_BYTES);
    }

    /**
     * {@code failure} with a message that says {@code what} happened and the database's own words, instead of jOOQ's,
     * which starts with the statement (500 rows of placeholders, and the driver's message with every row's values):
     * the same kind of exception, with the same cause.
     */
    private static DataAccessException concise(String what, DataAccessException failure) {
        SQLException database = null;
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLException sql) {
                database = sql instanceof BatchUpdateException batch && batch.getNextException() != null
                        ? batch.getNextException()
                        : sql;
            }
        }
        if (database == null) {
            return failure;
        }
        String words = String.valueOf(database.getMessage());
        int statement = words.indexOf("; SQL statement:"); // H2 repeats the statement after its message
        String message = what + ": " + (statement < 0 ? words : words.substring(0, statement));
        DataAccessException concise = switch (failure) {
            case IntegrityConstraintViolationException e ->
                    new IntegrityConstraintViolationException(message, e.getCause());
            case DataException e -> new DataException(message, e.getCause());
            default -> new DataAccessException(message, failure.getCause());
        };
        for (Throwable suppressed : failure.getSuppressed()) {
            concise.addSuppressed(suppressed); // a rollback that failed, say
        }
        return concise;
    }

    // ---------------------------------------------------------------- save and upsert

    /**
     * Sets every column but the id of the row whose id is {@code row}'s.
     *
     * @return the row as stored
     * @throws RecordNotFoundException if no row has the id
     */
    static <M> M overwrite(DSLContext dsl, ModelTable<M> table, List<Object> row) {
        Object id = row.get(table.columns().indexOf(table.id()));
        Condition byId = equalTo(table.id(), id);
        UpdateSetMoreStep<Record> update = null;
        for (int i = 0; i < row.size(); i++) {
            Column<M, ?> column = table.columns().get(i);
            if (column != table.id()) {
                update = set(update == null ? dsl.update(table.table()) : update, column, row.get(i));
            }
        }
        if (update == null) {
            // nothing but an id: nothing to set, the row only has to be there
            return found(dsl.select(table.fields()).from(table.table()).where(byId).fetchOne(), table, id);
        }
        if (readsBackUpdates(dsl.family())) {
            return found(update.where(byId).returningResult(table.fields()).fetchOne(), table, id);
        }
        UpdateSetMoreStep<Record> changes = update;
        return Atomically.run(dsl, () -> {
            changes.where(byId).execute();
            return found(dsl.select(table.fields()).from(table.table()).where(byId).fetchOne(), table, id);
        });
    }

    /** Whether {@code update ... returning} reads the row back in the same statement. */
    private static boolean readsBackUpdates(SQLDialect family) {
        return family == SQLDialect.POSTGRES || family == SQLDialect.H2;
    }

    /**
     * Inserts {@code row}, or, when its id exists, sets every other column of that row; a null id is an insert with
     * a generated id.
     *
     * @return the row as stored
     */
    static <M> M upsert(DSLContext dsl, ModelTable<M> table, List<Object> row) {
        Column<M, ?> id = table.id();
        if (row.get(table.columns().indexOf(id)) == null) {
            return insert(dsl, table, row, false);
        }
        List<Field<?>> cells = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            cells.add(value(table.columns().get(i), row.get(i)));
        }
        Record stored;
        if (dsl.family() == SQLDialect.H2) {
            // jOOQ writes H2's upsert as a MERGE ... USING whose unqualified names H2 finds ambiguous; MERGE ... KEY
            // says the same in H2's own words
            stored = dsl.resultQuery("select {0} from final table (merge into {1} ({0}) key ({2}) values ({3}))",
                            DSL.list(table.fields()), table.table(), id.field(), DSL.list(cells))
                    .coerce(table.fields())
                    .fetchOne();
        } else {
            InsertOnDuplicateSetStep<Record> conflict = dsl.insertInto(table.table(), table.fields()).values(cells)
                    .onConflict(id.field())
                    .doUpdate();
            InsertOnDuplicateSetMoreStep<Record> update = null;
            for (Column<M, ?> column : table.columns()) {
                if (column != id) {
                    update = setExcluded(update == null ? conflict : update, column.field());
                }
            }
            if (update == null) {
                update = setExcluded(conflict, id.field()); // nothing but an id: "update" it to itself
            }
            stored = update.returningResult(table.fields()).fetchOne();
        }
        if (stored == null) {
            throw new IllegalStateException("upsert into " + table.name() + " returned no row");
        }
        return table.map(stored);
    }

    // ---------------------------------------------------------------- pieces

    /** {@code value} as a bind value of {@code column}'s type ({@code NULL} for null). */
    private static <T> Field<T> value(Column<?, T> column, Object value) {
        return DSL.val(column.type().cast(value), column.field());
    }

    /** {@code column = value}. */
    static <T> Condition equalTo(Column<?, T> column, Object value) {
        return column.field().eq(column.type().cast(value));
    }

    private static <T> UpdateSetMoreStep<Record> set(UpdateSetStep<Record> update, Column<?, T> column, Object value) {
        return update.set(column.field(), column.type().cast(value));
    }

    private static <T> InsertOnDuplicateSetMoreStep<Record> setExcluded(InsertOnDuplicateSetStep<Record> update,
            Field<T> field) {
        return update.set(field, DSL.excluded(field));
    }

    private static <M> M found(Record row, ModelTable<M> table, Object id) {
        if (row == null) {
            throw new RecordNotFoundException(table.modelName(), id, "save() updates the row with the id of the "
                    + "model it is given; use insert() or upsert() to create it");
        }
        return table.map(row);
    }
}
