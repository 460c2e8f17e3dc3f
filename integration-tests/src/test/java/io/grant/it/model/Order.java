package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An entity whose table ({@code order}) and one of whose columns ({@code table}) are SQL reserved words, with a
 * {@code UUID} id and an enum stored by name. The field {@code table} gets the constant {@code TABLE_COLUMN}.
 *
 * @param id the key
 * @param table the table the order was placed at, in a restaurant
 * @param total the total
 * @param status the status
 * @param placedAt when it was placed
 */
@GrantModel(table = "order")
public record Order(@Id UUID id, String table, BigDecimal total, Status status, Instant placedAt) {

    /** Where an order is. */
    public enum Status {
        /** Placed, not served. */
        OPEN,
        /** Served. */
        SERVED,
        /** Paid. */
        PAID
    }
}
