package io.grant.query;

/**
 * Reads the column values of a model instance: the reverse of a {@link RowMapper}, for {@code insert},
 * {@code insertAll}, {@code save} and {@code upsert}. The processor writes one per model (accessor calls for a
 * record, getters or public fields for a class; no reflection):
 *
 * <pre>{@code
 * private static void values(User row, RowValues<User> values) {
 *     values.set(ID, row.id());
 *     values.set(NAME, row.name());
 * }
 * }</pre>
 *
 * @param <M> the model
 */
@FunctionalInterface
public interface RowWriter<M> {

    /** Puts the value of every column of {@code row} into {@code values}. */
    void write(M row, RowValues<M> values);
}
