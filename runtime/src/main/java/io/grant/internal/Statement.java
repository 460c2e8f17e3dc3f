package io.grant.internal;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;

/**
 * One SQL statement that answers one or more reads: a fused aggregate, a chunk of coalesced lookups, or a single
 * read. A dispatcher runs it alone, or pipelines it with others in one round trip. {@link #deliver} settles every
 * member from the statement's result; members that are already done (cancelled) just end. Not API.
 */
public abstract class Statement {

    private final List<Pending<?>> members;

    protected Statement(List<Pending<?>> members) {
        this.members = List.copyOf(members);
    }

    /** The reads this statement answers. */
    public final List<Pending<?>> members() {
        return members;
    }

    /** The table it reads (for H2's quoting), or {@code null}. */
    public abstract String table();

    /** The statement, on {@code dsl}. */
    public abstract ResultQuery<Record> query(DSLContext dsl);

    /** Settles every member from {@code result}; a member whose decoding fails fails alone. */
    public abstract void deliver(Result<Record> result);

    /** Runs this statement alone on {@code session} and settles its members. */
    public void run(Session session) throws Exception {
        deliver(query(session.dsl(table())).fetch());
    }

    /** The single read a statement answers alone. */
    static Statement single(Pending<?> member) {
        return new Single<>(member);
    }

    private static final class Single<R> extends Statement {
        private final Pending<R> member;
        private final Batchable<R> read;

        Single(Pending<R> member) {
            super(List.of(member));
            this.member = member;
            this.read = member.operation().batchable();
        }

        @Override
        public String table() {
            return member.operation().table();
        }

        @Override
        public ResultQuery<Record> query(DSLContext dsl) {
            return read.query(dsl);
        }

        @Override
        public void deliver(Result<Record> result) {
            member.settle(() -> read.decode(result));
        }
    }
}
