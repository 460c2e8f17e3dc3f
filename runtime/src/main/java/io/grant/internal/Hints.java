package io.grant.internal;

import io.grant.query.Column;
import io.grant.query.ModelTable;
import java.util.Locale;
import java.util.Optional;

/**
 * How error messages name the generated code a user would write instead: the companion of a model
 * ({@code UserAsync}, {@code Shop_ItemAsync} for a nested {@code Shop.Item}) and the constant of one of its columns
 * ({@code UserAsync.UPDATED_AT}), by the naming rules of grant-processor. A hint only ever names a column the model
 * has. Not API.
 */
public final class Hints {

    private Hints() {}

    /** The companion's simple name: the names of the model and the types it is nested in, joined by {@code _}. */
    public static String companion(Class<?> model) {
        StringBuilder name = new StringBuilder(model.getSimpleName());
        for (Class<?> outer = model.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name.insert(0, outer.getSimpleName() + "_");
        }
        return name.append("Async").toString();
    }

    /** {@code UserAsync.UPDATED_AT}: the constant of {@code column}, qualified by its companion. */
    public static String constant(Column<?, ?> column) {
        String constant = constantName(column.property());
        // the processor renames the one constant that would take the name of a generated member
        return companion(column.model()) + "." + (constant.equals("TABLE") ? "TABLE_COLUMN" : constant);
    }

    /** A column to show in an example assignment: the first that is not the id, else the id. */
    public static <M> Column<M, ?> exampleColumn(ModelTable<M> table) {
        return table.columns().stream().filter(column -> column != table.id()).findFirst().orElse(table.id());
    }

    /** The first temporal column ({@code touchAll} can set it), if the model has one. */
    public static <M> Optional<Column<M, ?>> temporalColumn(ModelTable<M> table) {
        return table.columns().stream().filter(column -> ColumnTypes.isTemporal(column.type())).findFirst();
    }

    /**
     * {@code updatedAt} -> {@code UPDATED_AT}, {@code userID} -> {@code USER_ID}, {@code HTTPServer} ->
     * {@code HTTP_SERVER}: grant-processor's {@code Names.constant}.
     */
    static String constantName(String property) {
        StringBuilder snake = new StringBuilder(property.length() + 4);
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && startsWord(property, i)
                    && snake.charAt(snake.length() - 1) != '_') {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString().toUpperCase(Locale.ROOT);
    }

    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        return Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    }
}
