package io.grant.observe;

import io.grant.Grant;
import io.grant.query.AsyncQuery;
import io.grant.query.ModelTable;
import io.grant.query.NumericColumn;
import io.grant.query.StringColumn;
import java.util.UUID;

/** The model of the observability tests, described by hand (the runtime's tests have no processor). */
record Note(Long id, String title, int size) {

    static final NumericColumn<Note, Long, Long> ID = NumericColumn.of(Note.class, "id", "id", Long.class, Long.class);
    static final StringColumn<Note> TITLE = StringColumn.of(Note.class, "title", "title");
    static final NumericColumn<Note, Integer, Long> SIZE =
            NumericColumn.of(Note.class, "size", "size", Integer.class, Long.class);
    static final ModelTable<Note> TABLE = ModelTable.builder(Note.class, "obs_notes")
            .columns(ID, TITLE, SIZE)
            .id(ID)
            .mapper(row -> new Note(row.get(ID), row.get(TITLE), row.require(SIZE)))
            .build();

    /** A fresh in-memory H2 database's URL. */
    static String h2() {
        return "jdbc:h2:mem:obs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** Creates the table on {@code db} with notes 1..{@code rows}, note {@code i} of size {@code i}. */
    static void create(Grant db, int rows) {
        db.dsl().execute("create table obs_notes (id bigint primary key, title varchar(100) not null, size int not null)");
        for (long i = 1; i <= rows; i++) {
            db.dsl().execute("insert into obs_notes values (?, ?, ?)", i, "note " + i, (int) i);
        }
    }

    /** The notes of {@code db}. */
    static AsyncQuery<Note> on(Grant db) {
        return AsyncQuery.of(TABLE).on(db);
    }
}
