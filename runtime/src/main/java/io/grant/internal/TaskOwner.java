package io.grant.internal;

/**
 * Whoever owns the results created on a thread: an {@code AsyncScope} installs itself on its owner thread,
 * and every {@link Task} created there is handed to it. Not API.
 */
public interface TaskOwner {

    /** Takes ownership of a result just created on the owner thread. */
    void adopt(Task<?> task);

    /** The owner installed on the current thread, or {@code null}. */
    static TaskOwner current() {
        return Owners.CURRENT.get();
    }

    /** Installs {@code owner} on the current thread and returns the one it replaces (may be {@code null}). */
    static TaskOwner install(TaskOwner owner) {
        TaskOwner previous = Owners.CURRENT.get();
        Owners.CURRENT.set(owner);
        return previous;
    }

    /** Puts back what {@link #install} replaced. */
    static void restore(TaskOwner previous) {
        if (previous == null) {
            Owners.CURRENT.remove();
        } else {
            Owners.CURRENT.set(previous);
        }
    }
}

/** Holds the per-thread owner; a context, not a cache: only the thread that opened a scope reads it. */
final class Owners {
    static final ThreadLocal<TaskOwner> CURRENT = new ThreadLocal<>();

    private Owners() {}
}
