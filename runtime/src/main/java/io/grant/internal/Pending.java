package io.grant.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One operation a {@link Dispatcher} has accepted and not finished: held by the thread that created it, queued,
 * or taken by a lane into a unit of work. It is also its task's cancel hook: cancelled while held or queued it is
 * dropped at once (its work ends then: it never ran); cancelled while its unit runs, it tells the unit, which stops
 * the statement on the server once no member of it is left.
 *
 * <p>Its phase moves once from {@code WAITING} to {@code TAKEN} (a lane) or {@code DROPPED} (a cancel), so exactly
 * one of them ends its work. Not API.
 *
 * @param <R> what the operation produces
 */
public final class Pending<R> implements Runnable, Observer.ObservedOperation {

    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int DROPPED = 2;
    private static final VarHandle PHASE;
    private static final VarHandle LEFT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PHASE = lookup.findVarHandle(Pending.class, "phase", int.class);
            LEFT = lookup.findVarHandle(Pending.class, "left", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Dispatcher dispatcher;
    private final Task<R> task;
    private final Operation<R> operation;
    private volatile int phase;
    private volatile Dispatcher.Unit unit;
    private volatile boolean left;
    private R value;
    private Throwable error;
    private boolean produced;
    private volatile boolean stoppedByClose;
    private final long createdNanos = System.nanoTime();
    private volatile long queuedNanos;
    private Object observation;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile Dispatcher.Lane acquiring;
    private io.github.resilience4j.retry.Retry.AsyncContext<Object> retry;

    Pending(Dispatcher dispatcher, Task<R> task, Operation<R> operation) {
        this.dispatcher = dispatcher;
        this.task = task;
        this.operation = operation;
    }

    /** The operation. */
    @Override
    public Operation<R> operation() {
        return operation;
    }

    @Override
    public String database() {
        return dispatcher.database();
    }


    /** Tells the observers it was created (on the creating thread). */
    void observeCreated() {
        observation = dispatcher.observers().created(this);
    }

    /** It was queued now. */
    void queued() {
        queuedNanos = System.nanoTime();
    }

    /** It must be done by {@code nanos} ({@link System#nanoTime()}): its deadline, from the database's time limit. */
    void deadline(long nanos) {
        deadlineNanos = nanos;
    }

    /** Its deadline, or {@link Long#MAX_VALUE} for none. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /** Its attempts so far, for the retry policy. */
    io.github.resilience4j.retry.Retry.AsyncContext<Object> retryContext(io.github.resilience4j.retry.Retry policy) {
        if (retry == null) {
            retry = policy.asyncContext();
        }
        return retry;
    }

    /** A lane is getting a connection for it ({@code null}: no longer). */
    void acquiring(Dispatcher.Lane lane) {
        acquiring = lane;
    }

    /**
     * For the lane: it goes back to waiting, for another attempt after a transient failure; its outcome so far is
     * forgotten. It counts as waiting (so a cancel meanwhile drops it as one) until a lane takes it again.
     */
    void backToWaiting() {
        unit = null;
        left = false;
        produced = false;
        value = null;
        error = null;
        PHASE.setVolatile(this, WAITING);
    }

    /** The failure its unit produced for it, or {@code null}. */
    Throwable producedError() {
        return produced ? error : null;
    }

    /** Whether its result is still waiting for a value (not settled: not cancelled, not timed out). */
    public boolean isLive() {
        return !task.isDone();
    }

    Task<R> task() {
        return task;
    }

    /**
     * The outcome is what {@code value} computes, or what it throws. It is published by the lane when the unit is
     * done ({@link #publish()}), after the lane decided whether to keep its connection, so that whoever sees the
     * outcome finds the connection back in the pool when no other work was waiting.
     */
    public void settle(Callable<? extends R> value) {
        try {
            this.value = value.call();
            this.error = null;
        } catch (Throwable e) {
            this.error = e;
        }
        produced = true;
    }

    /** The outcome is {@code error} (published like {@link #settle}), unless one was produced already. */
    public void fail(Throwable error) {
        if (!produced) {
            this.error = error;
            produced = true;
        }
    }

    /** Ends the work without an outcome (its result was settled already, by a cancel). */
    void end() {
        produced = false;
        error = null;
    }

    /** For close(): its statement is being cancelled on the server because close() stopped waiting for it. */
    void stoppedByClose() {
        stoppedByClose = true;
    }

    /** For the lane: publishes the outcome produced, and ends the work in any case. */
    void publish() {
        if (!produced) {
            task.endWork();
        } else if (error != null && stoppedByClose && cancelledOnServer(error)) {
            task.cancelAfterWork("by db.close(), which had waited as long as it was allowed to: its statement was "
                    + "cancelled on the server (" + error.getMessage() + ")");
        } else if (error != null) {
            task.fail(dispatcher.clarify(error));
        } else {
            task.complete(value);
        }
        value = null;
        error = null;
        ended();
    }

    /** Whether {@code error} says the server cancelled the statement on request (PostgreSQL, H2: 57014; MariaDB: 1317). */
    private static boolean cancelledOnServer(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && ("57014".equals(sql.getSQLState())
                    || "70100".equals(sql.getSQLState()) || sql.getErrorCode() == 1317)) {
                return true;
            }
        }
        return false;
    }

    /** For the lane: fails right away (no connection could be had, nothing ran). */
    void failNow(Throwable failure) {
        task.fail(failure);
        ended();
    }

    private void ended() {
        dispatcher.finished();
        if (observation == null) {
            return; // nobody watches operations
        }
        Throwable failure = task.failure();
        dispatcher.observers().ended(this, observation, task.state(),
                failure instanceof io.grant.async.AsyncTimeoutException, task.state() == io.grant.async.AsyncResult.State.FAILED
                        ? failure : null, System.nanoTime() - createdNanos);
    }

    /** For a lane: takes it out of the queue; false if a cancel dropped it first. */
    boolean take() {
        if (!PHASE.compareAndSet(this, WAITING, TAKEN)) {
            return false;
        }
        if (observation != null) {
            long queued = queuedNanos;
            dispatcher.observers().started(this, observation, queued == 0 ? 0 : System.nanoTime() - queued);
        }
        return true;
    }

    /** For a lane: it now belongs to {@code unit}; a member whose result is already done leaves it at once. */
    void joined(Dispatcher.Unit unit) {
        this.unit = unit;
        if (task.isDone()) {
            leave();
        }
    }

    /** The cancel hook of the task: drop it if it waits, or leave its unit if it runs. */
    @Override
    public void run() {
        if (PHASE.compareAndSet(this, WAITING, DROPPED)) {
            task.endWork(); // first: a task that holds its stop publishes it only now
            dispatcher.dropped(this);
            ended();
            return;
        }
        Dispatcher.Lane lane = acquiring;
        if (lane != null) {
            lane.memberGone();
        }
        if (unit != null) {
            leave();
        }
    }

    private void leave() {
        Dispatcher.Unit current = unit;
        if (current != null && LEFT.compareAndSet(this, false, true)) {
            current.memberLeft();
        }
    }

    /** Hands operations a thread held to their dispatchers, each dispatcher's in the order they were created. */
    static void send(List<Pending<?>> held) {
        Dispatcher first = held.get(0).dispatcher;
        boolean one = true;
        for (Pending<?> pending : held) {
            if (pending.dispatcher != first) {
                one = false;
                break;
            }
        }
        if (one) {
            first.enqueue(held);
            return;
        }
        List<Pending<?>> rest = held;
        while (!rest.isEmpty()) {
            Dispatcher target = rest.get(0).dispatcher;
            List<Pending<?>> mine = new ArrayList<>();
            List<Pending<?>> others = new ArrayList<>();
            for (Pending<?> pending : rest) {
                (pending.dispatcher == target ? mine : others).add(pending);
            }
            target.enqueue(mine);
            rest = others;
        }
    }
}
