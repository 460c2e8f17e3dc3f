package io.grant.query;

import java.util.Objects;
import org.jooq.Condition;

/**
 * A {@code String} column: adds pattern matching.
 *
 * @param <M> the model
 */
public final class StringColumn<M> extends Column<M, String> {

    private StringColumn(Class<M> model, String property, String name) {
        super(model, property, name, String.class);
    }

    /** A String column of {@code model}, stored in {@code name}, for field {@code property}. */
    public static <M> StringColumn<M> of(Class<M> model, String property, String name) {
        return new StringColumn<>(model, property, name);
    }

    /** {@code column LIKE pattern} ({@code %} any run of characters, {@code _} one character). */
    public Condition like(String pattern) {
        return field().like(Objects.requireNonNull(pattern, "pattern"));
    }

    /** {@code column NOT LIKE pattern}. */
    public Condition notLike(String pattern) {
        return field().notLike(Objects.requireNonNull(pattern, "pattern"));
    }

    /** {@code LIKE}, ignoring case, on every database. */
    public Condition likeIgnoreCase(String pattern) {
        return field().likeIgnoreCase(Objects.requireNonNull(pattern, "pattern"));
    }
}
