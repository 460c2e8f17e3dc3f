package io.grant.query;

import java.util.Objects;
import org.jooq.Record;
import org.jooq.UpdateSetMoreStep;
import org.jooq.UpdateSetStep;

/**
 * {@code column = value} in an update of model {@code M}; made by {@link Column#set(Object)}.
 *
 * @param <M> the model
 */
public final class Assignment<M> {

    private final Column<M, ?> column;
    private final Object value;

    <T> Assignment(Column<M, T> column, T value) {
        this.column = Objects.requireNonNull(column, "column");
        this.value = value;
    }

    /** The column set. */
    public Column<M, ?> column() {
        return column;
    }

    /** The value written, possibly {@code null}. */
    public Object value() {
        return value;
    }

    <R extends Record> UpdateSetMoreStep<R> applyTo(UpdateSetStep<R> update) {
        return set(update, column, value);
    }

    private static <R extends Record, T> UpdateSetMoreStep<R> set(UpdateSetStep<R> update, Column<?, T> column,
            Object value) {
        return update.set(column.field(), column.type().cast(value));
    }

    @Override
    public String toString() {
        return column.name() + " = " + value;
    }
}
