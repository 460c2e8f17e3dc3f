package io.grant.internal;

/**
 * A row holds, in an enum column, a name the enum lacks. Thrown while jOOQ reads the row, which wraps it into a
 * {@code DataAccessException} saying only which field it was reading; {@link ReadFailures} unwraps it again, so that
 * the operation fails with this message, which names model, column and value. Users see an
 * {@link IllegalStateException}. Not API.
 */
public final class UnknownEnumValueException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    UnknownEnumValueException(String message) {
        super(message);
    }
}
