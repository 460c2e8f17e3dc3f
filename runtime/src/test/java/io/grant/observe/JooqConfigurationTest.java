package io.grant.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.grant.Grant;
import io.grant.internal.GrantAccess;
import io.grant.internal.Observer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderKeywordCase;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Grant.builder().jooqSettings(...)} and {@code .executeListener(...)} reach every statement of a database. */
class JooqConfigurationTest {

    private final List<Grant> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(Grant::close);
    }

    private Grant build(Grant.Builder builder) {
        Grant db = builder.build();
        open.add(db);
        return db;
    }

    /** Records the SQL of every statement jOOQ executed. */
    @SuppressWarnings("serial")
    private static final class Recording implements ExecuteListener {
        final List<String> sql = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void executeEnd(ExecuteContext ctx) {
            sql.add(ctx.sql());
        }

        List<String> taken() {
            synchronized (sql) {
                List<String> copy = List.copyOf(sql);
                sql.clear();
                return copy;
            }
        }
    }

    @Test
    void aListenerSeesTheStatementsOfDslOperationsLookupsAndCustomWork() {
        Recording first = new Recording();
        Recording second = new Recording();
        Grant db = build(Grant.builder().jdbcUrl(Note.h2()).poolSize(2).executeListener(first).executeListener(second));
        Note.create(db, 3);
        assertThat(first.taken()).hasSize(4).first().asString().startsWith("create table obs_notes");
        assertThat(second.taken()).hasSize(4);

        assertThat(Note.on(db).where(Note.SIZE.ge(2)).count().await()).isEqualTo(2);
        assertThat(first.taken()).singleElement().asString().contains("count(*)").contains("obs_notes");
        // a lookup by id, which skips jOOQ on its own JDBC path when no listener is there to see it
        assertThat(Note.on(db).find(2L).await()).contains(new Note(2L, "note 2", 2));
        assertThat(first.taken()).singleElement().asString().contains("from obs_notes").contains("id");
        assertThat(db.async("Answer", dsl -> dsl.fetchValue("select 42")).await()).isEqualTo(42);
        assertThat(first.taken()).containsExactly("select 42");
        assertThat(second.taken()).hasSize(3);
    }

    @Test
    void theSettingsAreTheBaseAndWhatGrantsSqlNeedsIsPutBack() {
        Recording recording = new Recording();
        Settings mine = new Settings()
                .withRenderKeywordCase(RenderKeywordCase.UPPER)    // kept
                .withExecuteLogging(true)                          // put back: io.grant.sql logs
                .withStatementType(StatementType.STATIC_STATEMENT) // put back: values are bound
                .withParamType(ParamType.INLINED)
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)   // put back: H2 would miss obs_notes
                .withRenderNameCase(RenderNameCase.UPPER);
        Grant db = build(Grant.builder().jdbcUrl(Note.h2()).poolSize(2).jooqSettings(mine).executeListener(recording));
        mine.setRenderKeywordCase(RenderKeywordCase.LOWER); // a copy was taken: too late to change it

        Settings used = db.dsl().settings();
        assertThat(used.getRenderKeywordCase()).isEqualTo(RenderKeywordCase.UPPER);
        assertThat(used.isExecuteLogging()).isFalse();
        assertThat(used.getStatementType()).isEqualTo(StatementType.PREPARED_STATEMENT);
        assertThat(used.getParamType()).isEqualTo(ParamType.INDEXED);
        assertThat(used.getRenderQuotedNames()).isEqualTo(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED);
        assertThat(used.getRenderNameCase()).isEqualTo(RenderNameCase.AS_IS);

        Note.create(db, 3);
        recording.taken();
        assertThat(Note.on(db).where(Note.SIZE.ge(2)).count().await()).isEqualTo(2);
        assertThat(Note.on(db).where(Note.SIZE.ge(3)).count().await()).isEqualTo(1);
        assertThat(recording.taken()).hasSize(2).allSatisfy(sql -> assertThat(sql)
                .startsWith("SELECT count(*)").contains(" FROM obs_notes WHERE ").contains("?").doesNotContain("'"));
        assertThat(db.async("Keywords", dsl -> dsl.render(dsl.selectOne())).await()).startsWith("SELECT 1");
    }

    @Test
    void sqlRenderedUnderADatabasesOwnSettingsIsNotSharedWithAnother() {
        Grant plain = build(Grant.builder().jdbcUrl(Note.h2()).poolSize(1));
        Grant upper = build(Grant.builder().jdbcUrl(Note.h2()).poolSize(1)
                .jooqSettings(new Settings().withRenderKeywordCase(RenderKeywordCase.UPPER)));
        List<String> plainSql = recordSql(plain);
        List<String> upperSql = recordSql(upper);
        Note.create(plain, 2);
        Note.create(upper, 2);
        plainSql.clear();
        upperSql.clear();

        // the same lookup shape on both: its SQL is rendered once per dialect, and once more for own settings
        assertThat(Note.on(plain).find(1L).await()).isPresent();
        assertThat(Note.on(upper).find(1L).await()).isPresent();
        assertThat(Note.on(plain).find(2L).await()).isPresent();
        assertThat(plainSql).hasSize(2).allSatisfy(sql -> assertThat(sql).startsWith("select "));
        assertThat(upperSql).singleElement().asString().startsWith("SELECT ");
    }

    /** The SQL of every statement {@code db} runs for its operations, as its observers see it. */
    private static List<String> recordSql(Grant db) {
        List<String> sql = Collections.synchronizedList(new ArrayList<>());
        GrantAccess.get().observers(db).add(new Observer() {
            @Override
            public boolean watchesOperations() {
                return false;
            }

            @Override
            public void statement(Executed statement) {
                if (!statement.operations().isEmpty()) {
                    sql.add(statement.sql());
                }
            }
        });
        return sql;
    }
}
