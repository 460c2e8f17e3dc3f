package io.grant.internal;

/**
 * Added, as a suppressed exception, to the failure of an operation that ran under a savepoint inside a transaction
 * ({@code insertAll}) and could not roll back to it: its writes may still be in the transaction, which must then not
 * commit. The transaction's session looks for it ({@link TxSession}). Its cause is the failure of the rollback. Not
 * API.
 */
public final class SavepointLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The rollback to the savepoint failed with {@code rollback}. */
    public SavepointLostException(Throwable rollback) {
        super("could not roll back to the savepoint, so the writes before the failure may still be there: " + rollback,
                rollback, false, false);
    }

    /** Whether {@code failure}, or a cause of it, carries one; the first found, else {@code null}. */
    static SavepointLostException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Throwable suppressed : cause.getSuppressed()) {
                if (suppressed instanceof SavepointLostException lost) {
                    return lost;
                }
            }
        }
        return null;
    }
}
