package io.grant.async;

/**
 * An operation failed, was cancelled, or the thread waiting for it was interrupted. The cause is the
 * original error ({@link java.util.concurrent.CancellationException} for a cancelled operation,
 * {@link InterruptedException} for an interrupted wait, in which case the waiting thread's interrupt flag
 * is set again).
 */
public final class AsyncExecutionException extends AsyncException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation the operation that failed
     * @param cause the original error
     */
    public AsyncExecutionException(String operation, Throwable cause) {
        super(operation, "Async operation '" + operation + "' failed: " + describe(cause), cause);
    }

    /**
     * @param operation the operation that failed
     * @param message what went wrong
     * @param cause the original error, may be {@code null}
     */
    public AsyncExecutionException(String operation, String message, Throwable cause) {
        super(operation, message, cause);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String type = cause.getClass().getSimpleName().isEmpty() ? cause.getClass().getName()
                : cause.getClass().getSimpleName();
        String message = cause.getMessage();
        return message == null ? type : type + ": " + message;
    }
}
