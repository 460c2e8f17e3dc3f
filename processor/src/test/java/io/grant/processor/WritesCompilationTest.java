package io.grant.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.grant.processor.Compilations.compile;
import static io.grant.processor.Compilations.generated;
import static io.grant.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The writes of API.md section 8 on the companion and the query types: typed by the model and its id, compiled the
 * way a user's code uses them; and how the generated writer reads a class's fields.
 */
class WritesCompilationTest {

    private static final JavaFileObject NOTE = source("com.acme.Note", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;

            @GrantModel
            public record Note(@Id long id, String text, boolean pinned) {}
            """);

    private static final JavaFileObject TAG = source("com.acme.Tag", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;

            @GrantModel
            public record Tag(@Id String label) {}
            """);

    @Test
    void theWritesAreTypedByTheModelAndItsId() {
        JavaFileObject usage = source("com.acme.Usage", """
                package com.acme;

                import io.grant.async.AsyncResult;
                import java.util.List;
                import java.util.Set;

                class Usage {
                    void writes(Note note) {
                        AsyncResult<Note> inserted = NoteAsync.insert(note);
                        AsyncResult<Long> count = NoteAsync.insertAll(List.of(note, note));
                        AsyncResult<Long> fromASet = NoteAsync.insertAll(Set.of(note));
                        AsyncResult<Note> saved = NoteAsync.save(note);
                        AsyncResult<Note> upserted = NoteAsync.upsert(note);
                        AsyncResult<Boolean> deleted = NoteAsync.deleteById(7L);
                        AsyncResult<Note> onAShard = NoteAsync.onShard("eu").insert(note);
                        AsyncResult<Long> forAKey = NoteAsync.forKey("k").insertAll(List.of(note));
                        AsyncResult<Boolean> onAQuery = NoteAsync.query().deleteById(7L);
                        Note blocking = NoteAsync.query().blocking().upsert(note);
                        long blockingCount = NoteAsync.query().blocking().insertAll(List.of(note));
                        boolean blockingDelete = NoteAsync.query().blocking().deleteById(7L);
                        AsyncResult<Tag> tag = TagAsync.insert(new Tag("a"));
                        AsyncResult<Boolean> tagDeleted = TagAsync.deleteById("a");
                    }
                }
                """);

        Compilation compilation = compile(NOTE, TAG, usage);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.NoteAsync"))
                .contains("public static AsyncResult<Boolean> deleteById(Long id) {")
                .contains("public static AsyncResult<Long> insertAll(Collection<Note> rows) {");
    }

    @Test
    void aRowOrIdOfAnotherModelDoesNotCompile() {
        JavaFileObject usage = source("com.acme.Usage", """
                package com.acme;

                import java.util.List;

                class Usage {
                    void writes(Note note, Tag tag) {
                        NoteAsync.insert(tag); // #1 insert
                        NoteAsync.insertAll(List.of(tag)); // #2 insertAll
                        NoteAsync.save(tag); // #3 save
                        NoteAsync.upsert(tag); // #4 upsert
                        NoteAsync.deleteById("a"); // #5 deleteById
                        TagAsync.query().insert(note); // #6 AsyncQuery.insert
                    }
                }
                """);

        Compilation compilation = compile(NOTE, TAG, usage);

        assertThat(compilation).hadErrorCount(6);
        String tagForNote = "com.acme.Tag cannot be converted to com.acme.Note";
        String[] errors = {tagForNote, "lower bounds: com.acme.Tag", tagForNote, tagForNote,
                "java.lang.String cannot be converted to java.lang.Long",
                "com.acme.Note cannot be converted to com.acme.Tag"};
        for (int i = 0; i < errors.length; i++) {
            String line = "// #" + (i + 1) + " ";
            assertThat(compilation).hadErrorContaining(errors[i]).inFile(usage).onLineContaining(line);
        }
    }

    @Test
    void aClassIsReadThroughItsGettersElseItsFields() {
        JavaFileObject item = source("com.acme.Item", """
                package com.acme;

                import io.grant.annotations.GrantModel;
                import io.grant.annotations.Id;

                @GrantModel
                public class Item {
                    @Id private Long id;
                    private boolean active;
                    private boolean hidden;
                    private Boolean checked;
                    public String name;
                    int stock;

                    public Long getId() { return id; }
                    public void setId(Long id) { this.id = id; }
                    public boolean isActive() { return active; }
                    public boolean getActive() { return active; }
                    public void setActive(boolean active) { this.active = active; }
                    public boolean getHidden() { return hidden; }
                    public void setHidden(boolean hidden) { this.hidden = hidden; }
                    public Boolean getChecked() { return checked; }
                    public void setChecked(Boolean checked) { this.checked = checked; }
                    public String getName() { return name; }
                }
                """);

        Compilation compilation = compile(item);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(generated(compilation, "com.acme.ItemAsync")).contains("""
                    private static void values(Item row, RowValues<Item> values) {
                        values.set(ID, row.getId());
                        values.set(ACTIVE, row.isActive());
                        values.set(HIDDEN, row.getHidden());
                        values.set(CHECKED, row.getChecked());
                        values.set(NAME, row.getName());
                        values.set(STOCK, row.stock);
                    }
                """);
    }
}
