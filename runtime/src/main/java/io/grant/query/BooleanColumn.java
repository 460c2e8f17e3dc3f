package io.grant.query;


/**
 * A {@code Boolean} column: adds {@link #isTrue()} and {@link #isFalse()}.
 *
 * @param <M> the model
 */
public final class BooleanColumn<M> extends Column<M, Boolean> {

    private BooleanColumn(Class<M> model, String property, String name) {
        super(model, property, name, Boolean.class);
    }

    /** A boolean column of {@code model}, stored in {@code name}, for field {@code property}. */
    public static <M> BooleanColumn<M> of(Class<M> model, String property, String name) {
        return new BooleanColumn<>(model, property, name);
    }

    /** {@code column = TRUE}. */
    public Filter<M> isTrue() {
        return Filter.of(field().isTrue(), java.util.List.of(this, "is true"), java.util.List.of());
    }

    /** {@code column = FALSE}. */
    public Filter<M> isFalse() {
        return Filter.of(field().isFalse(), java.util.List.of(this, "is false"), java.util.List.of());
    }
}
