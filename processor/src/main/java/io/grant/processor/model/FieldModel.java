package io.grant.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * A persisted field of an entity: where it is stored and what its column constant is called.
 *
 * @param name the field (or record component) name
 * @param type the declared type, possibly primitive
 * @param kind the kind of column
 * @param column the database column name
 * @param constant the name of its column constant in the companion
 * @param id whether it is the primary key
 * @param shardKey whether it is the {@code @ShardKey}
 */
public record FieldModel(String name, TypeName type, ColumnKind kind, String column, String constant, boolean id,
        boolean shardKey) {

    /** Checks that no component is null. */
    public FieldModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(constant, "constant");
    }

    /** The type of the column's values: the declared type, boxed. */
    public TypeName valueType() {
        return type.box();
    }

    /** Whether the declared type is primitive, so that a NULL cannot be stored in it. */
    public boolean isPrimitive() {
        return type.isPrimitive();
    }
}
