package io.grant.examples.shop;

import java.math.BigDecimal;

/** Thrown inside {@link Shop#bill}'s transaction, which it rolls back: the customer would owe more than allowed. */
public final class CreditLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CreditLimitExceededException(Customer customer, BigDecimal owed) {
        super(customer.name() + " would owe " + owed + ", over the credit limit of " + customer.creditLimit());
    }
}
