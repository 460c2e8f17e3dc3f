package io.grant.examples.shop;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;

/**
 * A customer of the shop, stored in {@code customers} (the default table name); the processor writes
 * {@code CustomerAsync} next to it. The id is {@code null} until the database has given the row one.
 */
@GrantModel
public record Customer(@Id Long id, String name, String city, BigDecimal creditLimit) {

    /** A customer not stored yet. */
    public static Customer of(String name, String city, BigDecimal creditLimit) {
        return new Customer(null, name, city, creditLimit);
    }
}
