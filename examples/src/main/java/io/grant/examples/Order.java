package io.grant.examples;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;
import java.time.Instant;

/** An order; stored in {@code orders} (the default table name). */
@GrantModel
public record Order(@Id Long id, long userId, BigDecimal total, String status, Instant createdAt) {}
