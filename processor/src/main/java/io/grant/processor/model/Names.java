package io.grant.processor.model;

import java.util.Locale;

/** The naming conventions: how tables, columns and constants are named when the user names nothing. */
public final class Names {

    private Names() {}

    /**
     * {@code updatedAt} -> {@code updated_at}, {@code OrderLine} -> {@code order_line}, {@code userID} ->
     * {@code user_id}, {@code HTTPServer} -> {@code http_server}, {@code address2} -> {@code address2}.
     */
    public static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && startsWord(name, i) && snake.charAt(snake.length() - 1) != '_') {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString();
    }

    /** An upper-case letter starts a word after a lower-case letter or digit, or before one in an acronym. */
    private static boolean startsWord(String name, int i) {
        char previous = name.charAt(i - 1);
        if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
            return true;
        }
        return Character.isUpperCase(previous) && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    }

    /** The default table of an entity: {@code User} -> {@code users}, {@code OrderLine} -> {@code order_lines}. */
    public static String defaultTable(String simpleName) {
        return snakeCase(simpleName) + "s";
    }

    /** The name of a field's column constant: {@code updatedAt} -> {@code UPDATED_AT}. */
    public static String constant(String fieldName) {
        return snakeCase(fieldName).toUpperCase(Locale.ROOT);
    }

    /** {@code name} -> {@code Name}, for getter and setter names. */
    public static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
