package io.grant.it.model;

import io.grant.annotations.Column;
import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import io.grant.annotations.Transient;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The entity of API.md section 1 as a record: a renamed column, primitives, an {@code updated_at} and a
 * {@code @Transient} component.
 *
 * @param id the key
 * @param name the name
 * @param email stored in {@code email_address}
 * @param active whether the member is active
 * @param age the age
 * @param balance the balance
 * @param updatedAt when the row last changed
 * @param displayName not stored: always {@code null} when read
 */
@GrantModel(table = "club_members")
public record Member(
        @Id Long id,
        String name,
        @Column("email_address") String email,
        boolean active,
        int age,
        BigDecimal balance,
        Instant updatedAt,
        @Transient String displayName) {}
