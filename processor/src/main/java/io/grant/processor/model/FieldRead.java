package io.grant.processor.model;

import java.util.Objects;

/**
 * How the generated writer reads a persisted field of an instance: {@code row.member()} for a record's accessor or
 * a class's getter, {@code row.member} for a class's field that its package can use.
 *
 * @param field the persisted field
 * @param member the accessor, getter or field
 * @param call whether {@code member} is a method
 */
public record FieldRead(FieldModel field, String member, boolean call) {

    /** Checks that no component is null. */
    public FieldRead {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(member, "member");
    }
}
