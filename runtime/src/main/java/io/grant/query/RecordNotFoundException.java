package io.grant.query;

/** {@code findOrThrow} found no row with the id it was given. */
public final class RecordNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String model;
    private final transient Object id;

    /**
     * @param model the model's simple name
     * @param id the id that matched no row
     */
    public RecordNotFoundException(String model, Object id) {
        super(model + " with id " + id + " not found");
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
