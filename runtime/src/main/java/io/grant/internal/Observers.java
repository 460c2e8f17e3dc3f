package io.grant.internal;

import io.grant.async.AsyncResult;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one database, as one: each event goes to each of them in the order they were added, and an
 * observer that throws is logged and skipped. Observers can be added while the database runs (a meter binder binds
 * late); an operation's later events go to the observers that saw it created. The contexts observers return are kept
 * side by side.
 *
 * <p>Costs: an operation that no observer {@linkplain Observer#watchesOperations() watches} allocates nothing here
 * (its context is {@code null}); a statement is described only if {@link #watchesStatements()} says so. Not API.
 */
public final class Observers implements Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);
    private static final Observer[] NONE = {};

    private final ReentrantLock adding = new ReentrantLock();
    private volatile Observer[] all = NONE;
    private volatile Observer[] operations = NONE;

    /** Adds {@code observer}; it sees the operations created and the statements run from now on. */
    public void add(Observer observer) {
        adding.lock();
        try {
            all = append(all, observer);
            if (observer.watchesOperations()) {
                operations = append(operations, observer);
            }
        } finally {
            adding.unlock();
        }
    }

    private static Observer[] append(Observer[] observers, Observer observer) {
        Observer[] more = Arrays.copyOf(observers, observers.length + 1);
        more[observers.length] = observer;
        return more;
    }

    /** Whether nobody watches. */
    public boolean isEmpty() {
        return all.length == 0;
    }

    /** Whether any observer wants the next statement described. */
    @Override
    public boolean watchesStatements() {
        for (Observer observer : all) {
            if (observer.watchesStatements()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Object created(Observed operation) {
        Observer[] now = operations;
        if (now.length == 0) {
            return null;
        }
        Object[] contexts = new Object[now.length];
        for (int i = 0; i < now.length; i++) {
            try {
                contexts[i] = now[i].created(operation);
            } catch (RuntimeException e) {
                LOG.warn("Observer {} failed on created({})", now[i], operation.name(), e);
            }
        }
        return new Contexts(now, contexts);
    }

    @Override
    public void started(Observed operation, Object context, long waitedNanos) {
        if (context instanceof Contexts contexts) {
            for (int i = 0; i < contexts.observers.length; i++) {
                try {
                    contexts.observers[i].started(operation, contexts.values[i], waitedNanos);
                } catch (RuntimeException e) {
                    LOG.warn("Observer {} failed on started({})", contexts.observers[i], operation.name(), e);
                }
            }
        }
    }

    @Override
    public void statement(Executed statement) {
        for (Observer observer : all) {
            try {
                observer.statement(statement);
            } catch (RuntimeException e) {
                LOG.warn("Observer {} failed on a statement of {}", observer, statement.operations(), e);
            }
        }
    }

    @Override
    public void ended(Observed operation, Object context, AsyncResult.State outcome, boolean timedOut, Throwable error,
            long nanos) {
        if (context instanceof Contexts contexts) {
            for (int i = 0; i < contexts.observers.length; i++) {
                try {
                    contexts.observers[i].ended(operation, contexts.values[i], outcome, timedOut, error, nanos);
                } catch (RuntimeException e) {
                    LOG.warn("Observer {} failed on ended({})", contexts.observers[i], operation.name(), e);
                }
            }
        }
    }

    /** The fan-out of the first observer that watches fan-outs; {@link FanOut#NONE} if none does. */
    @Override
    public FanOut fanOut(String operation, List<String> shards) {
        for (Observer observer : all) {
            try {
                FanOut fanOut = observer.fanOut(operation, shards);
                if (fanOut != FanOut.NONE) {
                    return fanOut;
                }
            } catch (RuntimeException e) {
                LOG.warn("Observer {} failed on fanOut({})", observer, operation, e);
            }
        }
        return FanOut.NONE;
    }

    /** The observers that saw an operation created, and what each returned. */
    private record Contexts(Observer[] observers, Object[] values) {}
}
