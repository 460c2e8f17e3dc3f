package io.grant.query;

import java.util.Objects;

/**
 * A {@code String} column: adds pattern matching that behaves the same on H2, PostgreSQL and MariaDB.
 *
 * <p>{@link #like} takes a SQL pattern: {@code %} matches any run of characters, {@code _} one character, and
 * {@code \} (the only escape character, on every database) makes the next {@code %}, {@code _} or {@code \} match
 * itself. {@link #startsWith}, {@link #contains} and {@link #endsWith} match their text literally: any {@code %},
 * {@code _} or {@code \} in it is escaped for you, so {@code NAME.contains("50%")} finds "50%" and nothing else.
 *
 * @param <M> the model
 */
public final class StringColumn<M> extends Column<M, String> {

    /** The escape character of every pattern Grant sends. */
    private static final char ESCAPE = '\\';

    private StringColumn(Class<M> model, String property, String name) {
        super(model, property, name, String.class);
    }

    /** A String column of {@code model}, stored in {@code name}, for field {@code property}. */
    public static <M> StringColumn<M> of(Class<M> model, String property, String name) {
        return new StringColumn<>(model, property, name);
    }

    /**
     * {@code column LIKE pattern ESCAPE '\'}.
     *
     * @throws IllegalArgumentException if the pattern ends with a lone {@code \} (escape it as {@code \\})
     */
    public Filter<M> like(String pattern) {
        return filter(field().like(checked(pattern), ESCAPE), "like", pattern);
    }

    /**
     * {@code column NOT LIKE pattern ESCAPE '\'} (a NULL column matches neither {@code like} nor {@code notLike}).
     *
     * @throws IllegalArgumentException if the pattern ends with a lone {@code \}
     */
    public Filter<M> notLike(String pattern) {
        return filter(field().notLike(checked(pattern), ESCAPE), "not like", pattern);
    }

    /**
     * {@code LIKE}, ignoring case, on every database.
     *
     * @throws IllegalArgumentException if the pattern ends with a lone {@code \}
     */
    public Filter<M> likeIgnoreCase(String pattern) {
        return filter(field().likeIgnoreCase(checked(pattern), ESCAPE), "ilike", pattern);
    }

    /** Values that begin with {@code prefix}, matched literally. */
    public Filter<M> startsWith(String prefix) {
        String pattern = escape(prefix, "prefix") + "%";
        return filter(field().like(pattern, ESCAPE), "like", pattern);
    }

    /** Values that contain {@code text}, matched literally. */
    public Filter<M> contains(String text) {
        String pattern = "%" + escape(text, "text") + "%";
        return filter(field().like(pattern, ESCAPE), "like", pattern);
    }

    /** Values that end with {@code suffix}, matched literally. */
    public Filter<M> endsWith(String suffix) {
        String pattern = "%" + escape(suffix, "suffix");
        return filter(field().like(pattern, ESCAPE), "like", pattern);
    }

    /** {@code text} as a pattern that matches exactly it: every {@code %}, {@code _} and {@code \} escaped. */
    public static String escapePattern(String text) {
        return escape(text, "text");
    }

    private static String escape(String text, String what) {
        Objects.requireNonNull(text, what);
        StringBuilder pattern = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == ESCAPE) {
                pattern.append(ESCAPE);
            }
            pattern.append(c);
        }
        return pattern.toString();
    }

    private String checked(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        int trailing = 0;
        for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == ESCAPE; i--) {
            trailing++;
        }
        if (trailing % 2 == 1) {
            throw new IllegalArgumentException("The LIKE pattern for " + this + " ends with the escape character \\ "
                    + "escaping nothing: '" + pattern + "'; write \\\\ for a backslash, or use startsWith/contains/"
                    + "endsWith to match text literally");
        }
        return pattern;
    }
}
