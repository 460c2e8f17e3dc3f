package io.grant.internal;

import io.grant.Grant;
import java.time.Clock;

/**
 * Lets the query layer reach what a {@link Grant} keeps to itself (its dispatcher and clock), without making it
 * API. {@code Grant} installs the implementation when it is initialised; whoever holds a {@code Grant} finds it
 * installed. Not API.
 */
public interface GrantAccess {

    /** The dispatcher that runs the operations of {@code db}. */
    Dispatcher dispatcher(Grant db);

    /** The clock of {@code db}, for values such as {@code touchAll}'s "now". */
    Clock clock(Grant db);

    /** Who watches the operations of {@code db}; add an observer to watch them too. */
    Observers observers(Grant db);

    /** The default database that was closed, if the default slot is empty because of that. */
    java.util.Optional<Grant> closedDefault();

    /** The installed implementation. */
    static GrantAccess get() {
        return Holder.instance;
    }

    /** Called once, by {@code Grant}'s static initialiser. */
    static void install(GrantAccess access) {
        Holder.instance = access;
    }
}

/** The slot {@link GrantAccess#install} fills. */
final class Holder {
    static volatile GrantAccess instance;

    private Holder() {}
}
