package io.grant.query;

import io.grant.internal.ColumnTypes;
import io.grant.internal.QuietJooq;
import io.grant.internal.SqlNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What Grant knows about a model: its table, columns, id, how to build an instance from a row, and how to read
 * the column values of an instance. The processor generates one per model ({@code UserAsync.TABLE}); it can also
 * be built by hand:
 *
 * <pre>{@code
 * ModelTable<User> users = ModelTable.builder(User.class, "users")
 *     .columns(ID, NAME, AGE).id(ID)
 *     .mapper(row -> new User(row.get(ID), row.get(NAME), row.require(AGE)))
 *     .writer((user, values) -> values.set(ID, user.id()).set(NAME, user.name()).set(AGE, user.age()))
 *     .build();
 * }</pre>
 *
 * <p>A table without a {@link Builder#writer writer} can be read but not written with {@code insert},
 * {@code insertAll}, {@code save} or {@code upsert}.
 *
 * @param <M> the model
 */
public final class ModelTable<M> {

    static {
        QuietJooq.apply(); // a companion is often touched before Grant is: see QuietJooq
    }

    private final Class<M> type;
    private final String name;
    private final String connection;
    private final List<Column<M, ?>> columns;
    private final Column<M, ?> id;
    private final Column<M, ?> updatedAt;
    private final Column<M, ?> shardKey;
    private final RowMapper<M> mapper;
    private final RowWriter<M> writer;
    private final Table<Record> table;
    private final List<Field<?>> fields;

    private ModelTable(Builder<M> b) {
        this.type = b.type;
        this.name = b.name;
        this.connection = b.connection;
        this.columns = List.copyOf(b.columns);
        this.id = b.id;
        this.updatedAt = b.updatedAt;
        this.shardKey = b.shardKey;
        this.mapper = b.mapper;
        this.writer = b.writer;
        this.table = DSL.table(SqlNames.name(name));
        this.fields = columns.stream().<Field<?>>map(Column::field).toList();
    }

    /** Starts describing the table {@code name} of model {@code type}. */
    public static <M> Builder<M> builder(Class<M> type, String name) {
        return new Builder<>(type, name);
    }

    /** The model class. */
    public Class<M> type() {
        return type;
    }

    /** The model's simple name, used in operation names ({@code "User.count"}). */
    public String modelName() {
        return type.getSimpleName();
    }

    /** The table name. */
    public String name() {
        return name;
    }

    /** The registered connection name of {@code @GrantModel(connection = ...)}; empty for the default database. */
    public String connection() {
        return connection;
    }

    /** Every persisted column, in declaration order. */
    public List<Column<M, ?>> columns() {
        return columns;
    }

    /** The primary key column. */
    public Column<M, ?> id() {
        return id;
    }

    /** The column {@code touchAll()} sets when given no column: the model's {@code updated_at}, if it has one. */
    public Optional<Column<M, ?>> updatedAt() {
        return Optional.ofNullable(updatedAt);
    }

    /** The {@code @ShardKey} column, if any. */
    public Optional<Column<M, ?>> shardKey() {
        return Optional.ofNullable(shardKey);
    }

    /** Builds instances from rows. */
    public RowMapper<M> mapper() {
        return mapper;
    }

    /** Reads the column values of instances, if the table has a writer. */
    public Optional<RowWriter<M>> writer() {
        return Optional.ofNullable(writer);
    }

    /**
     * The column values of {@code row}, in the order of {@link #columns()}, as its {@link RowWriter} reads them; a
     * list that allows {@code null}s and cannot be changed.
     *
     * @throws IllegalStateException if this table has no writer
     */
    public List<Object> values(M row) {
        return Collections.unmodifiableList(Arrays.asList(valueArray(row)));
    }

    /** The column values of {@code row}, as {@link #values} reads them, in a new array: for Grant's own writes. */
    Object[] valueArray(M row) {
        Objects.requireNonNull(row, "row");
        if (writer == null) {
            throw new IllegalStateException(modelName() + " cannot be written: its ModelTable has no writer; set "
                    + "writer(...) on ModelTable.builder, as the companions grant-processor generates do");
        }
        RowValues<M> values = new RowValues<>(this);
        writer.write(row, values);
        return values.array();
    }

    /** The jOOQ table. */
    public Table<Record> table() {
        return table;
    }

    /** The jOOQ fields of every column, in declaration order. */
    public List<Field<?>> fields() {
        return fields;
    }

    /** A query over every row of this table, on the default database (or current shard). */
    public AsyncQuery<M> query() {
        return AsyncQuery.of(this);
    }

    /**
     * Builds the model from {@code record}, a row of this table read with its {@link #fields()}.
     *
     * @throws IllegalStateException if a column of a primitive field is NULL
     */
    public M map(Record record) {
        return mapper.map(new ResultRow<>(this, record));
    }

    @Override
    public String toString() {
        return "ModelTable[" + modelName() + " -> " + name + "]";
    }

    /**
     * Describes a {@link ModelTable}; {@link #build()} checks that the description is whole.
     *
     * @param <M> the model
     */
    public static final class Builder<M> {

        private final Class<M> type;
        private final String name;
        private String connection = "";
        private final List<Column<M, ?>> columns = new ArrayList<>();
        private Column<M, ?> id;
        private Column<M, ?> updatedAt;
        private Column<M, ?> shardKey;
        private RowMapper<M> mapper;
        private RowWriter<M> writer;

        private Builder(Class<M> type, String name) {
            this.type = Objects.requireNonNull(type, "type");
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("table name of " + type.getSimpleName() + " must not be blank");
            }
        }

        /** The registered connection name; empty (the default) means the default database or current shard. */
        public Builder<M> connection(String connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** Adds columns, in declaration order. */
        @SafeVarargs
        public final Builder<M> columns(Column<M, ?>... columns) {
            for (Column<M, ?> column : columns) {
                this.columns.add(Objects.requireNonNull(column, "column"));
            }
            return this;
        }

        /** Adds columns, in declaration order. */
        public Builder<M> columns(List<? extends Column<M, ?>> columns) {
            columns.forEach(column -> this.columns.add(Objects.requireNonNull(column, "column")));
            return this;
        }

        /** The primary key column (one of the columns). */
        public Builder<M> id(Column<M, ?> id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /** The column {@code touchAll()} sets by default (one of the columns, temporal). */
        public Builder<M> updatedAt(Column<M, ?> updatedAt) {
            this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
            return this;
        }

        /** The {@code @ShardKey} column (one of the columns). */
        public Builder<M> shardKey(Column<M, ?> shardKey) {
            this.shardKey = Objects.requireNonNull(shardKey, "shardKey");
            return this;
        }

        /** How to build an instance from a row. */
        public Builder<M> mapper(RowMapper<M> mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** How to read the column values of an instance, for writes; without one the table is read-only. */
        public Builder<M> writer(RowWriter<M> writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /**
         * @throws IllegalStateException naming what is missing or inconsistent
         */
        public ModelTable<M> build() {
            String model = type.getSimpleName();
            if (columns.isEmpty()) {
                throw new IllegalStateException("ModelTable of " + model + " has no columns");
            }
            Set<String> names = new HashSet<>();
            for (Column<M, ?> column : columns) {
                if (!names.add(column.name())) {
                    throw new IllegalStateException("ModelTable of " + model + " maps two fields to column '"
                            + column.name() + "'");
                }
            }
            if (id == null) {
                throw new IllegalStateException("ModelTable of " + model + " has no id column; set id(...)");
            }
            requireMember(id, "id");
            if (updatedAt != null) {
                requireMember(updatedAt, "updatedAt");
                if (!ColumnTypes.isTemporal(updatedAt.type())) {
                    throw new IllegalStateException("updatedAt column " + updatedAt + " must be temporal, is "
                            + updatedAt.type().getSimpleName());
                }
            }
            if (shardKey != null) {
                requireMember(shardKey, "shardKey");
            }
            if (mapper == null) {
                throw new IllegalStateException("ModelTable of " + model + " has no mapper; set mapper(...)");
            }
            return new ModelTable<>(this);
        }

        private void requireMember(Column<M, ?> column, String role) {
            if (!columns.contains(column)) {
                throw new IllegalStateException(role + " column " + column + " is not one of the columns of "
                        + type.getSimpleName());
            }
        }
    }
}
