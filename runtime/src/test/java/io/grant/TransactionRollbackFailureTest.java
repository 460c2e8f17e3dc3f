package io.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.grant.async.AsyncExecutionException;
import io.grant.async.AsyncResult;
import io.grant.query.Column;
import io.grant.query.ModelTable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transaction whose rollback fails (a lost connection, a stray cancel hitting the ROLLBACK) must not be committed
 * afterwards: JDBC commits an open transaction when auto-commit is turned back on, so Grant gives such a connection
 * up instead of putting it back. The same holds for the transaction {@code insertAll} runs in, and the next operation
 * gets a healthy connection.
 */
class TransactionRollbackFailureTest {

    private final AtomicBoolean failRollback = new AtomicBoolean();
    private final AtomicBoolean failSavepointRollback = new AtomicBoolean();
    private HikariDataSource pool;
    private Grant db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    record Note(Integer id) {}

    static final Column<Note, Integer> ID = Column.of(Note.class, "id", "id", Integer.class);
    static final ModelTable<Note> NOTES = ModelTable.builder(Note.class, "notes").columns(ID).id(ID)
            .mapper(row -> new Note(row.get(ID)))
            .writer((note, values) -> values.set(ID, note.id()))
            .build();

    /** A pool whose connections' {@code rollback()} fails while {@link #failRollback} is set. */
    private Grant open() {
        return open(2);
    }

    /** The same, with at most {@code maxConcurrency} operations on a connection at once. */
    private Grant open(int maxConcurrency) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        DataSource failing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    return result instanceof Connection connection ? rollbackFailing(connection) : result;
                });
        db = Grant.builder().name("rollback-fails").dataSource(failing).dialect(SQLDialect.H2)
                .maxConcurrency(maxConcurrency).build();
        db.dsl().execute("create table notes (id int primary key)");
        return db;
    }

    private Connection rollbackFailing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("rollback") && (args == null || args.length == 0)
                            && failRollback.get()) {
                        throw new SQLException("rollback lost (injected)");
                    }
                    if (method.getName().equals("rollback") && args != null && args.length == 1
                            && failSavepointRollback.get()) {
                        throw new SQLException("savepoint rollback lost (injected)");
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aTransactionWhoseRollbackFailedIsNotCommittedByTurningAutoCommitBackOn() {
        Grant db = open();
        failRollback.set(true);

        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.dsl().execute("insert into notes values (1)");
            throw new IllegalStateException("the work failed");
        }).await()).isInstanceOf(AsyncExecutionException.class).hasMessageContaining("the work failed")
                .satisfies(error -> assertThat(error.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .contains("rollback lost (injected)"));

        failRollback.set(false);
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("notes"))).isZero();
        assertThat(db.activeConnections()).isZero();
    }

    @Test
    void aTransactionDoesNotCommitAfterANestedOneCouldNotRollBackToItsSavepoint() {
        Grant db = open();
        failSavepointRollback.set(true);

        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.dsl().execute("insert into notes values (1)");
            Integer nested = db.<Integer>transaction(inner -> {
                inner.dsl().execute("insert into notes values (2)");
                throw new IllegalStateException("the nested work failed");
            }).onError(error -> -1); // handled: the outer work goes on as if the savepoint had undone the insert
            assertThat(nested).isEqualTo(-1);
            return 1;
        }).await()).isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("cannot commit: the nested transaction")
                .hasMessageContaining("could not be rolled back to its savepoint");

        failSavepointRollback.set(false);
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("notes"))).isZero();
        assertThat(db.activeConnections()).isZero();
    }

    @Test
    void anInsertAllWhoseRollbackFailedIsNotCommittedAndTheNextOperationGetsAHealthyConnection() {
        Grant db = open(1); // one lane: the operation after the insertAll would reuse its connection
        failRollback.set(true);
        List<Note> rows = IntStream.range(0, 600).mapToObj(i -> new Note(i % 550)).toList(); // the second chunk fails

        AsyncResult<Long> all = NOTES.query().on(db).insertAll(rows);
        AsyncResult<Integer> after = db.async("insert after", dsl -> dsl.execute("insert into notes values (1000)"));

        assertThatThrownBy(all::await).isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("inserted none")
                .satisfies(error -> assertThat(error.getCause().getSuppressed()).extracting(Throwable::getMessage)
                        .anySatisfy(message -> assertThat(message).contains("rollback lost (injected)")));
        assertThat(after.await()).isEqualTo(1);
        failRollback.set(false);
        assertThat(db.dsl().fetch("select id from notes").getValues(0, Integer.class))
                .as("no row of the failed insertAll was committed; the row after it was").containsExactly(1000);
        assertThat(db.activeConnections()).isZero();
    }

    @Test
    void aTransactionDoesNotCommitAfterAnInsertAllInsideCouldNotRollBackToItsSavepoint() {
        Grant db = open();
        failSavepointRollback.set(true);
        List<Note> rows = IntStream.range(0, 600).mapToObj(i -> new Note(i % 550)).toList(); // the second chunk fails

        assertThatThrownBy(() -> db.transaction(tx -> {
            Long inserted = NOTES.query().on(db).insertAll(rows).onError(error -> -1L); // handled: the work goes on
            assertThat(inserted).isEqualTo(-1L);
            return 1;
        }).await()).isInstanceOf(AsyncExecutionException.class)
                .hasMessageContaining("cannot commit: the operation 'Note.insertAll' failed")
                .hasMessageContaining("could not be rolled back to its savepoint");

        failSavepointRollback.set(false);
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("notes"))).as("not one row of the first chunk").isZero();
        assertThat(db.activeConnections()).isZero();
    }
}
