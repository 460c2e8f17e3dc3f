package io.grant.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid entity, ready to be written: what its companion holds, free of {@code javax.lang.model} elements.
 *
 * @param type the entity
 * @param companion the class to generate
 * @param isPublic whether the companion is public (it is when the entity is visible outside its package)
 * @param table the table name
 * @param connection the registered connection name; empty for the default database
 * @param columns the persisted fields, in declaration order (superclass fields first)
 * @param instantiation how a row becomes an instance
 * @param reads how each column's value is read from an instance, in the order of {@code columns}
 */
public record EntityModel(ClassName type, ClassName companion, boolean isPublic, String table, String connection,
        List<FieldModel> columns, Instantiation instantiation, List<FieldRead> reads) {

    /** The column name {@code touchAll()} updates by default. */
    public static final String UPDATED_AT = "updated_at";

    /** Checks the invariants the writers rely on: one id, at most one shard key, one read per column. */
    public EntityModel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(companion, "companion");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(instantiation, "instantiation");
        columns = List.copyOf(columns);
        reads = List.copyOf(reads);
        if (!reads.stream().map(FieldRead::field).toList().equals(columns)) {
            throw new IllegalArgumentException(type + " needs one read per column, in column order: " + reads);
        }
        if (columns.stream().filter(FieldModel::id).count() != 1) {
            throw new IllegalArgumentException(type + " needs exactly one id column: " + columns);
        }
        if (columns.stream().filter(FieldModel::shardKey).count() > 1) {
            throw new IllegalArgumentException(type + " has more than one shard key: " + columns);
        }
    }

    /** The primary key. */
    public FieldModel id() {
        return columns.stream().filter(FieldModel::id).findFirst().orElseThrow();
    }

    /** The temporal column stored in {@code updated_at}, which {@code touchAll()} sets by default. */
    public Optional<FieldModel> updatedAt() {
        return columns.stream()
                .filter(field -> field.column().equals(UPDATED_AT) && field.kind().isTemporal())
                .findFirst();
    }

    /** The {@code @ShardKey} field. */
    public Optional<FieldModel> shardKey() {
        return columns.stream().filter(FieldModel::shardKey).findFirst();
    }
}
