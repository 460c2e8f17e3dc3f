package io.grant.internal;

import io.grant.async.AsyncResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;

/**
 * Connections that a transaction or a consistent scope holds for the operations bound to it ({@link Bound}): the
 * operations created inside queue here, in order, instead of at their database's {@link Dispatcher}, and run one at a
 * time per connection, each alone (no batching: a transaction's statements must run in the order written).
 *
 * <p>Every operation queued here ends: it runs, or it is dropped by its own cancel, or by {@link #stop} (the owner was
 * cancelled), or by {@link #end} (the owner finished first). Operations created after {@link #end} are refused with an
 * {@link IllegalStateException}: they would run outside what they were written for. Not API.
 */
abstract class Channels {

    final Dispatcher dispatcher;
    /** What the operations run inside, for messages: {@code "transaction 'Bank.transfer'"}. */
    final String owner;
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final ArrayDeque<Queued<?>> queue = new ArrayDeque<>();
    private final List<Queued<?>> running = new ArrayList<>();
    private final List<Task<?>> failed = new ArrayList<>();
    private String ended;
    private boolean stopping;

    Channels(Dispatcher dispatcher, String owner) {
        this.dispatcher = dispatcher;
        this.owner = owner;
    }

    /**
     * Refuses {@code operation} at once if it may not run here (a write in a read-only scope), with an
     * {@link IllegalStateException} saying why and what to do instead.
     */
    abstract void check(Operation<?> operation);

    /** Makes sure a connection will take what is queued (starts a runner if none is at work). Under the lock. */
    abstract void wake();

    /** Queues {@code operation} and returns its result at once. */
    final <R> AsyncResult<R> submit(Operation<R> operation) {
        check(operation);
        lock.lock();
        try {
            if (ended != null) {
                throw refusal(operation);
            }
        } finally {
            lock.unlock();
        }
        Task<R> task = new Task<>(operation.name(), dispatcher.metrics());
        operation.submitted(task);
        Queued<R> queued = new Queued<>(this, operation, task);
        queued.observation = dispatcher.observers().created(queued);
        lock.lock();
        try {
            if (ended != null || stopping) { // it ended, or is being stopped, since the check above
                if (ended != null) {
                    task.fail(refusal(operation));
                } else {
                    task.cancel();
                    task.endWork();
                }
                queued.ended();
                return task;
            }
            queue.add(queued);
            wake();
        } finally {
            lock.unlock();
        }
        task.onCancel(queued);
        Duration limit = dispatcher.defaultTimeout();
        if (limit != null) {
            ScheduledFuture<?> timer = Timers.after(limit, () -> task.timeout(limit));
            task.whenSettled(() -> timer.cancel(false));
        }
        return task;
    }

    private IllegalStateException refusal(Operation<?> operation) {
        return new IllegalStateException("Cannot run '" + operation.name() + "': it was created inside the " + owner
                + ", which has " + ended + "; an operation created inside it runs on its connection, never outside "
                + "it. Await what it needs before it ends, or create the operation outside it");
    }

    /** The next operation to run, taken out of the queue, or {@code null} if none waits. Under the lock. */
    final Queued<?> take() {
        Queued<?> next;
        while ((next = queue.poll()) != null) {
            if (next.take()) {
                running.add(next);
                return next;
            }
        }
        return null;
    }

    /** jOOQ on the connection for the operation about to run; getting it may fail (the connection broke). */
    @FunctionalInterface
    interface DslSource {
        DSLContext get() throws SQLException;
    }

    /**
     * Runs {@code queued} on the jOOQ {@code dsl} gives, on the current thread, with the bindings {@code bound} in
     * force, so that operations its result's callbacks create run here too. Never throws: whatever goes wrong is the
     * operation's outcome, and it is no longer running when this returns.
     */
    final <R> void run(Queued<R> queued, DslSource dsl, Bound bound) {
        Bound previous = Bound.set(bound);
        StatementGuard guard = queued.guard;
        guard.bind(Thread.currentThread());
        try {
            R value;
            try {
                if (queued.observation != null) {
                    dispatcher.observers().started(queued, queued.observation, System.nanoTime() - queued.created);
                }
                value = guard.runAs(() -> execute(queued.operation, dsl.get()));
            } catch (Throwable e) {
                if (ownerStopping()) { // stopped with its owner: the owner's result says what happened
                    queued.task.cancel();
                    queued.task.endWork();
                    return;
                }
                Throwable error = dispatcher.clarify(e);
                lock.lock();
                try {
                    failed.add(queued.task);
                } finally {
                    lock.unlock();
                }
                queued.task.fail(error);
                return;
            }
            queued.task.complete(value);
        } finally {
            Bound.set(previous);
            lock.lock();
            try {
                running.remove(queued);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            queued.ended();
        }
    }

    /** Runs {@code operation} on {@code dsl}: alone, or, for a nested transaction, as a savepoint. */
    <R> R execute(Operation<R> operation, DSLContext dsl) throws Exception {
        return operation.execute(dsl);
    }

    /** Waits until nothing is queued or running here. */
    final void drain() throws InterruptedException {
        lock.lock();
        try {
            while (!queue.isEmpty() || !running.isEmpty()) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether an operation is running now. Under the lock. */
    final boolean busy() {
        return !running.isEmpty();
    }

    /** The first operation that failed here, or {@code null}. */
    final Task<?> firstFailure() {
        lock.lock();
        try {
            return failed.isEmpty() ? null : failed.get(0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first operation that failed here and whose failure nobody observed (awaited, joined, recovered...), or
     * {@code null}: what a transaction must not commit over.
     */
    final Task<?> unhandledFailure() {
        lock.lock();
        try {
            for (Task<?> task : failed) {
                if (task.state() == AsyncResult.State.FAILED && !task.isObserved()) {
                    return task;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The owner is being stopped (cancelled, out of time): what is queued is cancelled and never runs, the running
     * operation's statement is cancelled on the server, and what is created from now on is cancelled at once.
     */
    void stop() {
        List<Queued<?>> dropped;
        List<Queued<?>> stopped;
        lock.lock();
        try {
            stopping = true;
            dropped = new ArrayList<>(queue);
            stopped = new ArrayList<>(running);
        } finally {
            lock.unlock();
        }
        dropped.forEach(queued -> queued.task.cancel());
        stopped.forEach(queued -> queued.guard.stop());
    }

    /**
     * The owner is done ({@code how}: "committed", "rolled back"...): what is still queued is cancelled, and what is
     * created from now on is refused.
     */
    final void end(String how) {
        List<Queued<?>> dropped;
        lock.lock();
        try {
            ended = how;
            dropped = new ArrayList<>(queue);
        } finally {
            lock.unlock();
        }
        dropped.forEach(queued -> queued.task.cancel());
    }

    /** How it ended ({@link #end}), or {@code null} while it has not. Under the lock. */
    final String ended() {
        return ended;
    }

    /**
     * Whether the owner is being stopped: {@link #stop()} was called, or is about to be (the owner's cancel, which
     * calls it, has begun).
     */
    boolean ownerStopping() {
        return stopping();
    }

    /** Whether {@link #stop()} was called. */
    final boolean stopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One operation queued here. Its phase moves once from waiting to taken (a connection runs it) or dropped (a
     * cancel), so exactly one of them ends its work; it is also its task's cancel hook.
     */
    static final class Queued<R> implements Runnable, Observer.ObservedOperation {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int DROPPED = 2;
        private static final VarHandle PHASE;

        static {
            try {
                PHASE = MethodHandles.lookup().findVarHandle(Queued.class, "phase", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Channels channels;
        final Operation<R> operation;
        final Task<R> task;
        final StatementGuard guard;
        final long created = System.nanoTime();
        Object observation;
        private volatile int phase;

        Queued(Channels channels, Operation<R> operation, Task<R> task) {
            this.channels = channels;
            this.operation = operation;
            this.task = task;
            this.guard = new StatementGuard(operation.name());
        }

        boolean take() {
            return PHASE.compareAndSet(this, WAITING, TAKEN);
        }

        /** The cancel hook: drop it if it waits, stop its statement if it runs. */
        @Override
        public void run() {
            if (PHASE.compareAndSet(this, WAITING, DROPPED)) {
                channels.lock.lock();
                try {
                    channels.queue.remove(this);
                    channels.changed.signalAll();
                } finally {
                    channels.lock.unlock();
                }
                task.endWork();
                ended();
                return;
            }
            guard.stop();
        }

        void ended() {
            if (observation != null) {
                Throwable failure = task.failure();
                channels.dispatcher.observers().ended(this, observation, task.state(),
                        failure instanceof io.grant.async.AsyncTimeoutException,
                        task.state() == AsyncResult.State.FAILED ? failure : null, System.nanoTime() - created);
            }
        }

        @Override
        public String database() {
            return channels.dispatcher.database();
        }

        @Override
        public Operation<R> operation() {
            return operation;
        }
    }
}
