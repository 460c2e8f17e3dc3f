package io.grant.internal;

import io.grant.async.AsyncResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one database, as one: each event goes to each of them in the order they were added, and an
 * observer that throws is logged and skipped. Observers can be added while the database runs (a meter binder binds
 * late). The contexts observers return are kept side by side. Not API.
 */
public final class Observers implements Observer {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<Observer> observers = new CopyOnWriteArrayList<>();

    /** Adds {@code observer}; it sees the operations created from now on. */
    public void add(Observer observer) {
        observers.add(observer);
    }

    /** Whether nobody watches. */
    public boolean isEmpty() {
        return observers.isEmpty();
    }

    @Override
    public Object created(Observed operation) {
        List<Observer> now = observers;
        if (now.isEmpty()) {
            return null;
        }
        Object[] contexts = new Object[now.size()];
        int i = 0;
        for (Observer observer : now) {
            try {
                contexts[i] = observer.created(operation);
            } catch (RuntimeException e) {
                LOG.warn("Observer {} failed on created({})", observer, operation.name(), e);
            }
            i++;
        }
        return new Contexts(now.toArray(Observer[]::new), contexts);
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
        for (Observer observer : observers) {
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

    /** The observers that saw an operation created, and what each returned. */
    private record Contexts(Observer[] observers, Object[] values) {}
}
