package io.grant.examples;

import io.grant.annotations.Column;
import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import io.grant.annotations.Transient;
import java.math.BigDecimal;
import java.time.Instant;

/** A user; the processor writes {@code UserAsync} next to it. */
@GrantModel(table = "users")
public record User(
        @Id Long id,
        String name,
        @Column("email_address") String email,
        boolean active,
        int age,
        BigDecimal balance,
        Instant updatedAt,
        @Transient String displayName) {}
