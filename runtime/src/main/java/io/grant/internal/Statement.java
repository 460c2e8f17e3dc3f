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

    /**
     * What the SQL of {@link #query} looks like, values aside: statements with equal keys render the same SQL, which
     * is then rendered once and reused. {@code null} when not known: rendered every time.
     */
    public Object shapeKey() {
        return null;
    }

    /**
     * The values this statement binds that are not constants of its shape, in the order jOOQ binds them, if the
     * statement can say so without building its query; {@code null} otherwise. Whether they really are jOOQ's
     * parameters is proven once per shape ({@link ShapeCache}) before they are ever bound this way.
     */
    public List<Object> values() {
        return null;
    }

    /**
     * The values behind {@link #values()}, each source once: a value the statement binds twice by construction (a
     * member's filter in a {@code FILTER} and again in the {@code where}) is one source. Default: the values.
     */
    public List<Object> sources() {
        return values();
    }

    /** The values the shape itself may bind after {@link #values()} (a limit, an offset). */
    public java.util.Set<Object> constants() {
        return java.util.Set.of();
    }

    /** The statement, on {@code dsl}. */
    public abstract ResultQuery<Record> query(DSLContext dsl);

    /** Settles every member from {@code result}; a member whose decoding fails fails alone. */
    public abstract void deliver(Result<Record> result);

    /** Runs this statement alone on {@code session} and settles its members. */
    public void run(Session session) throws Exception {
        deliver(session.fetch(this));
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
        public Object shapeKey() {
            return read.shapeKey();
        }

        @Override
        public List<Object> values() {
            return read.values();
        }

        @Override
        public java.util.Set<Object> constants() {
            return read.constants();
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
