package io.grant.bench.suite;

/**
 * A peer whose run the wall clock times from the call to the return: {@link #run} issues the work, waits for
 * all of it and returns what it read. Nothing else happens inside the timed part.
 */
public abstract class TimedPeer<I> implements Peer<I> {

    private final String name;

    protected TimedPeer(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Sample measure(I input) throws Exception {
        long start = System.nanoTime();
        Object output = run(input);
        return new Sample(System.nanoTime() - start, output);
    }

    /** Does the work on {@code input}, waits for all of it, and returns what it read. */
    protected abstract Object run(I input) throws Exception;
}
