package io.grant.internal;

import java.io.Serial;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Makes a value Grant cannot read fail with Grant's own message: jOOQ wraps an exception thrown while it reads a
 * row ({@link UnknownEnumValueException}, from a converter) into a {@code DataAccessException} saying only "Error
 * while reading field", and this listener, on every statement of a {@code Grant}, puts the original back. Not API.
 */
public final class ReadFailures implements ExecuteListener {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The one instance: the listener keeps no state. */
    public static final ReadFailures LISTENER = new ReadFailures();

    private ReadFailures() {}

    @Override
    public void exception(ExecuteContext ctx) {
        for (Throwable cause = ctx.exception(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownEnumValueException unknown) {
                ctx.exception(unknown);
                return;
            }
            if (cause.getCause() == cause) {
                return;
            }
        }
    }
}
