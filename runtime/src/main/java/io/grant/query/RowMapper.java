package io.grant.query;

/**
 * Turns one row into a model instance. The processor writes one per model (no reflection).
 *
 * @param <M> the model
 */
@FunctionalInterface
public interface RowMapper<M> {

    /** Builds the model from {@code row}. */
    M map(ResultRow<M> row);
}
