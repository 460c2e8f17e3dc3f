package io.grant.query;

import java.util.Objects;
import org.jooq.Record;

/**
 * One row of a model's table, read by column; what a {@link RowMapper} sees.
 *
 * @param <M> the model
 */
public final class ResultRow<M> {

    private final ModelTable<M> table;
    private final Record record;

    ResultRow(ModelTable<M> table, Record record) {
        this.table = table;
        this.record = record;
    }

    /** The value of {@code column}, {@code null} for SQL NULL. */
    public <T> T get(Column<M, T> column) {
        return record.get(column.field());
    }

    /**
     * The value of {@code column}, which must not be NULL: for primitive fields.
     *
     * @throws IllegalStateException naming model, column and row id if the value is NULL
     */
    public <T> T require(Column<M, T> column) {
        T value = record.get(column.field());
        if (value == null) {
            Object id = record.get(table.id().field());
            throw new IllegalStateException(table.modelName() + "." + column.property() + " (column '"
                    + column.name() + "') is NULL in the row with id " + id + ", but the field is a primitive "
                    + primitiveName(column.type()) + "; declare it as " + column.type().getSimpleName()
                    + " to allow NULL");
        }
        return value;
    }

    private static String primitiveName(Class<?> boxed) {
        return switch (Objects.requireNonNull(boxed).getSimpleName()) {
            case "Integer" -> "int";
            case "Character" -> "char";
            default -> boxed.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
