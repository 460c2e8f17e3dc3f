package io.grant.examples.shop;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;

/** An invoice of a customer, stored in {@code invoices}; the processor writes {@code InvoiceAsync}. */
@GrantModel
public record Invoice(@Id Long id, long customerId, BigDecimal amount, boolean paid) {

    /** An unpaid invoice not stored yet. */
    public static Invoice of(long customerId, BigDecimal amount) {
        return new Invoice(null, customerId, amount, false);
    }
}
