package io.grant.query;

/** {@code findOrThrow} found no row with the id it was given, or {@code save} no row to update. */
public final class RecordNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final transient Object id;

    /**
     * @param model the model's simple name
     * @param id the id that matched no row
     */
    public RecordNotFoundException(String model, Object id) {
        this(model, id, null);
    }

    /**
     * @param model the model's simple name
     * @param id the id that matched no row
     * @param hint what to do instead, appended to the message; {@code null} for none
     */
    public RecordNotFoundException(String model, Object id, String hint) {
        super(model + " with id " + id + " not found" + (hint == null ? "" : "; " + hint));
        this.model = model;
        this.id = id;
    }

    /** The model's simple name. */
    public String model() {
        return model;
    }

    /** The id that matched no row. */
    public Object id() {
        return id;
    }
}
