package io.grant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What Grant keeps per thread: the scopes the thread opened (the innermost owns what the thread creates), the
 * database operations it created and has not sent yet, and whether it is waiting on Grant right now.
 *
 * <p>Operations a thread creates back to back are <em>held</em> here so that they can be combined; they are sent
 * when the thread next waits on Grant ({@link #enterWait()}), when {@link BatchWindow} finds the latest one older
 * than its database's window, or when {@link #FLUSH_AT} of them are held. A context, not a cache: only its own
 * thread adds to it; {@link BatchWindow} may send what it holds, under its lock. Not API.
 */
public final class ThreadContext {

    /** Held operations are sent once this many are held, so that a long loop streams its work. */
    static final int FLUSH_AT = 256;

    private static final ThreadLocal<ThreadContext> CURRENT = ThreadLocal.withInitial(ThreadContext::new);

    private final ReentrantLock lock = new ReentrantLock();
    private List<Pending<?>> held = new ArrayList<>();
    private long lastHeldNanos;
    private long windowNanos = Long.MAX_VALUE;
    private boolean registered;
    private ScopeNode innermost;
    private int waits;
    private volatile boolean waiting;

    private ThreadContext() {}

    /** The current thread's context. */
    public static ThreadContext current() {
        return CURRENT.get();
    }

    // ---------------------------------------------------------------- scopes

    /** The innermost scope open on this thread, or {@code null}. */
    public ScopeNode innermostScope() {
        return innermost;
    }

    /** Opens {@code scope} on this thread, inside the current innermost one. */
    public void push(ScopeNode scope) {
        scope.parent = innermost;
        innermost = scope;
    }

    /** Removes {@code scope}, which must be the innermost one. */
    public void pop(ScopeNode scope) {
        if (innermost != scope) {
            throw new IllegalStateException("not the innermost scope");
        }
        innermost = scope.parent;
    }

    /** Whether this thread is waiting on Grant now ({@code await}, {@code join}, ...). */
    public boolean isWaiting() {
        return waiting;
    }

    /**
     * The thread is about to wait on Grant: sends what it holds, then tells its scopes, which may now act on a
     * failure nobody handled. Pair with {@link #exitWait()} in a {@code finally}.
     */
    public void enterWait() {
        flush();
        waits++;
        waiting = true;
        for (ScopeNode scope = innermost; scope != null; scope = scope.parent) {
            scope.ownerWaits();
        }
    }

    /** The wait that {@link #enterWait()} began is over. */
    public void exitWait() {
        if (--waits == 0) {
            waiting = false;
        }
    }

    /** {@link #enterWait()} on the current thread, returning its context for {@link #exitWait()}. */
    public static ThreadContext waitStarts() {
        ThreadContext context = current();
        context.enterWait();
        return context;
    }

    // ---------------------------------------------------------------- held operations

    /** Holds {@code pending} until the thread waits, the window passes or enough are held. */
    void hold(Pending<?> pending, long window) {
        boolean register;
        boolean full;
        lock.lock();
        try {
            held.add(pending);
            lastHeldNanos = System.nanoTime();
            windowNanos = Math.min(windowNanos, window);
            register = !registered;
            registered = true;
            full = held.size() >= FLUSH_AT;
        } finally {
            lock.unlock();
        }
        if (full) {
            flush();
        } else if (register) {
            BatchWindow.watch(this);
        }
    }

    /** Sends everything held; from the owner thread or {@link BatchWindow}. */
    void flush() {
        List<Pending<?>> out;
        lock.lock();
        try {
            if (held.isEmpty()) {
                return;
            }
            out = held;
            held = new ArrayList<>();
            windowNanos = Long.MAX_VALUE;
        } finally {
            lock.unlock();
        }
        Pending.send(out);
    }

    /**
     * For {@link BatchWindow}: sends what is held if the latest one is older than the window; returns whether this
     * context must still be watched (something is held and not yet due).
     */
    boolean flushIfDue(long now) {
        List<Pending<?>> out;
        lock.lock();
        try {
            if (held.isEmpty()) {
                registered = false;
                return false;
            }
            if (now - lastHeldNanos < windowNanos) {
                return true;
            }
            out = held;
            held = new ArrayList<>();
            windowNanos = Long.MAX_VALUE;
            registered = false;
        } finally {
            lock.unlock();
        }
        Pending.send(out);
        return false;
    }

    /**
     * A scope as the thread sees it: it may adopt what the thread creates, and learns when its owner starts
     * waiting. Scopes nest through {@link #parent}.
     */
    public abstract static class ScopeNode {
        private ScopeNode parent;

        /** The scope this one was opened inside, or {@code null}. */
        public final ScopeNode parent() {
            return parent;
        }

        /** Takes ownership of a result just created on the owner thread. */
        protected abstract void adopt(Task<?> task);

        /** The owner thread starts waiting on Grant. */
        protected abstract void ownerWaits();
    }
}
