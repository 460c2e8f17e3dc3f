package io.grant.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The column values of one model instance, as its {@link RowWriter} puts them: what a write sends to the database.
 * A column the writer does not set is {@code null}. Made by {@link ModelTable#values(Object)}.
 *
 * @param <M> the model
 */
public final class RowValues<M> {

    private final ModelTable<M> table;
    private final Object[] values;
    private int next;

    RowValues(ModelTable<M> table) {
        this.table = table;
        this.values = new Object[table.columns().size()];
    }

    /**
     * Sets the value of {@code column}; {@code null} for none.
     *
     * @return this
     * @throws IllegalArgumentException if {@code column} is not a column of this table
     */
    public <T> RowValues<M> set(Column<M, T> column, T value) {
        Objects.requireNonNull(column, "column");
        List<Column<M, ?>> columns = table.columns();
        // generated writers set the columns in declaration order: the expected one is found without a search
        int index = next < columns.size() && columns.get(next) == column ? next : columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(column + " is not a column of " + table);
        }
        values[index] = value;
        next = index + 1;
        return this;
    }

    /** The values, in the order of {@link ModelTable#columns()}: the array itself, which this object leaves alone. */
    Object[] array() {
        return values;
    }

    @Override
    public String toString() {
        return table.modelName() + Arrays.toString(values);
    }
}
