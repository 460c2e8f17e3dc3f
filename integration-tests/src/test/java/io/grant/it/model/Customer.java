package io.grant.it.model;

import io.grant.annotations.Column;
import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import io.grant.annotations.Transient;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A JavaBean entity: a primitive {@code int} id, private fields with getters and setters, a public field, a
 * renamed column, a {@code LocalDateTime} {@code updated_at}, and a {@code @Transient} field. Its table is the
 * default one, {@code customers}.
 */
@GrantModel
public class Customer {

    @Id private int id;
    private String name;
    /** A public field, set directly. */
    public String city;
    private Boolean vip;
    @Column("credit_limit") private BigDecimal limit;
    private LocalDateTime updatedAt;
    @Transient private String note = "not from the database";

    /** An empty customer, as the generated mapper creates it. */
    public Customer() {}

    /** A customer with every persisted field. */
    public Customer(int id, String name, String city, Boolean vip, BigDecimal limit, LocalDateTime updatedAt) {
        this.id = id;
        this.name = name;
        this.city = city;
        this.vip = vip;
        this.limit = limit;
        this.updatedAt = updatedAt;
    }

    /** @return the id */
    public int getId() {
        return id;
    }

    /** @param id the id */
    public void setId(int id) {
        this.id = id;
    }

    /** @return the name */
    public String getName() {
        return name;
    }

    /** @param name the name */
    public void setName(String name) {
        this.name = name;
    }

    /** @return whether the customer is a VIP; {@code null} when unknown */
    public Boolean getVip() {
        return vip;
    }

    /** @param vip whether the customer is a VIP */
    public void setVip(Boolean vip) {
        this.vip = vip;
    }

    /** @return the credit limit, stored in {@code credit_limit} */
    public BigDecimal getLimit() {
        return limit;
    }

    /** @param limit the credit limit */
    public void setLimit(BigDecimal limit) {
        this.limit = limit;
    }

    /** @return when the row last changed */
    public LocalDateTime getUpdatedAt() {
        return updatedAt;
    }

    /** @param updatedAt when the row last changed */
    public void setUpdatedAt(LocalDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** @return not stored */
    public String getNote() {
        return note;
    }

    /** @param note not stored */
    public void setNote(String note) {
        this.note = note;
    }
}
