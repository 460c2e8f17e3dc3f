package io.grant.async;

/**
 * The base of every exception a blocking call of Grant throws: unchecked, and naming the operation it
 * came from ({@code "User.count"}).
 */
public abstract sealed class AsyncException extends RuntimeException
        permits AsyncExecutionException, AsyncTimeoutException {

    private static final long serialVersionUID = 1L;

    private final String operation;

    AsyncException(String operation, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
    }

    /** The operation that failed, as {@link AsyncResult#operation()} names it. */
    public String operation() {
        return operation;
    }
}
