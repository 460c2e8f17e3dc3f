package io.grant.it.model;

import io.grant.annotations.Column;
import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.time.LocalDate;

/**
 * A JavaBean written by the write tests: a {@code String} id chosen by the application, private fields read through
 * getters (one a boolean {@code isX()}), public fields read directly, a renamed column and a {@code LocalDate}.
 */
@GrantModel(table = "w_gadgets")
public class Gadget {

    @Id private String code;
    @Column("label_text") private String label;
    private boolean fragile;
    /** Read and written directly. */
    public int stock;
    /** Read and written directly. */
    public LocalDate madeOn;

    /** An empty gadget, as the generated mapper creates it. */
    public Gadget() {}

    /** A gadget with every field. */
    public Gadget(String code, String label, boolean fragile, int stock, LocalDate madeOn) {
        this.code = code;
        this.label = label;
        this.fragile = fragile;
        this.stock = stock;
        this.madeOn = madeOn;
    }

    /** @return the code */
    public String getCode() {
        return code;
    }

    /** @param code the code */
    public void setCode(String code) {
        this.code = code;
    }

    /** @return the label, stored in {@code label_text} */
    public String getLabel() {
        return label;
    }

    /** @param label the label */
    public void setLabel(String label) {
        this.label = label;
    }

    /** @return whether it breaks easily */
    public boolean isFragile() {
        return fragile;
    }

    /** @param fragile whether it breaks easily */
    public void setFragile(boolean fragile) {
        this.fragile = fragile;
    }
}
