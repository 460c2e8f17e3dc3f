package io.grant.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grant.Grant;
import io.grant.internal.GrantAccess;
import io.grant.internal.Observer;
import io.grant.internal.SqlLog;
import io.grant.query.AsyncQuery;
import io.grant.shard.ShardManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SQL log: logger {@code io.grant.sql}, one line per statement at DEBUG, bind values at TRACE, nothing when off. */
class SqlLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(SqlLog.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level before;

    @BeforeEach
    void attach() {
        before = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }

    private List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    @Test
    void debugLogsEachStatementWithItsOperationShardDurationAndRows() {
        logger.setLevel(Level.DEBUG);
        try (Grant db = Grant.builder().name("notes").jdbcUrl(Note.h2()).poolSize(2).build()) {
            Note.create(db, 3);
            assertThat(lines()).anyMatch(line -> line.matches(
                    "db\\.dsl\\(\\) \\[db notes] \\d+\\.\\d{3} ms, \\d+ rows?: insert into obs_notes values \\(\\?, \\?, \\?\\)"));
            clear();

            assertThat(Note.on(db).where(Note.SIZE.ge(2)).count().await()).isEqualTo(2);
            ShardManager.register("obs-log-eu", db);
            try {
                assertThat(AsyncQuery.of(Note.TABLE).onShard("obs-log-eu").pluck(Note.TITLE).await()).hasSize(3);
            } finally {
                ShardManager.unregister("obs-log-eu");
            }

            assertThat(lines()).hasSize(2);
            assertThat(lines().get(0)).matches(
                    "Note\\.count \\[db notes] \\d+\\.\\d{3} ms, 1 row: select count\\(\\*\\).* from obs_notes where .*size >= .*\\?.*");
            assertThat(lines().get(1)).matches("Note\\.pluck\\(title\\)@obs-log-eu \\[db notes, shard obs-log-eu] "
                    + "\\d+\\.\\d{3} ms, 3 rows: select .*title.* from obs_notes");
            assertThat(appender.list).allMatch(event -> event.getLevel() == Level.DEBUG);
        }
    }

    @Test
    void traceAddsTheBindValuesAndAFailureIsLoggedWithItsError() {
        logger.setLevel(Level.TRACE);
        try (Grant db = Grant.builder().name("notes").jdbcUrl(Note.h2()).poolSize(2).build()) {
            Note.create(db, 3);
            clear();
            assertThat(Note.on(db).where(Note.TITLE.eq("note 2"), Note.SIZE.lt(10)).count().await()).isEqualTo(1);
            assertThat(lines()).singleElement().asString()
                    .startsWith("Note.count [db notes] ")
                    .endsWith("; binds [note 2, 10]");
            clear();

            assertThat(db.async("Broken", dsl -> dsl.fetch("select * from no_such_table")).onError(e -> null)).isNull();
            assertThat(lines()).singleElement().asString()
                    .matches("(?s)Broken \\[db notes] \\d{1,4}\\.\\d{3} ms, failed .*")
                    .contains(" ms, failed (")
                    .contains("NO_SUCH_TABLE")
                    .endsWith(": select * from no_such_table; binds []");
        }
    }

    @Test
    void offItLogsNothingAndNoStatementIsDescribed() {
        logger.setLevel(Level.INFO);
        try (Grant db = Grant.builder().name("notes").jdbcUrl(Note.h2()).poolSize(2).build()) {
            Note.create(db, 3);
            AtomicInteger described = new AtomicInteger();
            GrantAccess.get().observers(db).add(new Observer() {
                @Override
                public boolean watchesOperations() {
                    return false;
                }

                @Override
                public boolean watchesStatements() {
                    return false; // wants none: only the SQL log could ask for them
                }

                @Override
                public void statement(Executed statement) {
                    described.incrementAndGet();
                }
            });
            assertThat(Note.on(db).count().await()).isEqualTo(3);
            assertThat(Note.on(db).find(2L).await()).contains(new Note(2L, "note 2", 2));
            assertThat(db.async("Custom", dsl -> dsl.fetchValue("select 1")).await()).isEqualTo(1);
            db.dsl().fetchValue("select 2");
            assertThat(described).hasValue(0);
            assertThat(lines()).isEmpty();

            logger.setLevel(Level.DEBUG); // the same database, the logger turned on while it runs
            assertThat(Note.on(db).count().await()).isEqualTo(3);
            assertThat(described).hasValue(1);
            assertThat(lines()).singleElement().asString().startsWith("Note.count [db notes]");
        }
    }

    @Test
    void manyOperationsAreCountedAndBindValuesAreOnlyComputedAtTrace() {
        AtomicInteger computed = new AtomicInteger();
        List<Observer.Observed> operations = IntStream.rangeClosed(1, 7)
                .mapToObj(i -> (Observer.Observed) new Named("User.find", i % 2 == 0 ? "eu" : "us")).toList();
        Observer.Executed statement = new Observer.Executed("main", operations, "select * from users where id in (?)",
                () -> {
                    computed.incrementAndGet();
                    return List.of(1L);
                }, 1_500_000, 2, null);

        logger.setLevel(Level.DEBUG);
        SqlLog.INSTANCE.statement(statement);
        assertThat(computed).hasValue(0);
        assertThat(lines()).containsExactly("User.find, User.find, User.find, User.find, User.find and 2 more "
                + "[db main, shard us, eu] 1.500 ms, 2 rows: select * from users where id in (?)");

        logger.setLevel(Level.INFO);
        assertThat(SqlLog.INSTANCE.watchesStatements()).isFalse();
        SqlLog.INSTANCE.statement(statement);
        assertThat(lines()).hasSize(1);

        logger.setLevel(Level.TRACE);
        SqlLog.INSTANCE.statement(statement);
        assertThat(computed).hasValue(1);
        assertThat(lines().get(1)).endsWith("; binds [1]");
    }

    private record Named(String name, String shard) implements Observer.Observed {
        @Override
        public String database() {
            return "main";
        }

        @Override
        public String kind() {
            return "find";
        }

        @Override
        public boolean readOnly() {
            return true;
        }
    }
}
