package io.grant.processor;

import com.palantir.javapoet.ClassName;

/**
 * The types the processor reads and the generated code refers to, by name only: the processor has neither
 * the runtime nor jOOQ on its class path.
 */
public final class ClassNames {

    /** {@code @GrantModel}. */
    public static final String GRANT_MODEL = "io.grant.annotations.GrantModel";
    /** {@code @Id}. */
    public static final String ID = "io.grant.annotations.Id";
    /** {@code @Column}. */
    public static final String COLUMN_ANNOTATION = "io.grant.annotations.Column";
    /** {@code @Transient}. */
    public static final String TRANSIENT = "io.grant.annotations.Transient";
    /** {@code @ShardKey}. */
    public static final String SHARD_KEY = "io.grant.annotations.ShardKey";
    /**
     * What the processor claims: every Grant annotation, and {@code @Generated}, which the companions it writes carry
     * and which no processor handles (javac's processing lint would report it in the round after).
     */
    public static final java.util.Set<String> ANNOTATIONS = java.util.Set.of(GRANT_MODEL, ID, COLUMN_ANNOTATION,
            TRANSIENT, SHARD_KEY, "javax.annotation.processing.Generated");

    private static final String QUERY = "io.grant.query";

    /** {@code io.grant.Grant}. */
    public static final ClassName GRANT = ClassName.get("io.grant", "Grant");
    /** {@code io.grant.async.AsyncResult}. */
    public static final ClassName ASYNC_RESULT = ClassName.get("io.grant.async", "AsyncResult");
    /** {@code io.grant.query.Column}. */
    public static final ClassName COLUMN = ClassName.get(QUERY, "Column");
    /** {@code io.grant.query.StringColumn}. */
    public static final ClassName STRING_COLUMN = ClassName.get(QUERY, "StringColumn");
    /** {@code io.grant.query.BooleanColumn}. */
    public static final ClassName BOOLEAN_COLUMN = ClassName.get(QUERY, "BooleanColumn");
    /** {@code io.grant.query.NumericColumn}. */
    public static final ClassName NUMERIC_COLUMN = ClassName.get(QUERY, "NumericColumn");
    /** {@code io.grant.query.ModelTable}. */
    public static final ClassName MODEL_TABLE = ClassName.get(QUERY, "ModelTable");
    /** {@code io.grant.query.ResultRow}. */
    public static final ClassName RESULT_ROW = ClassName.get(QUERY, "ResultRow");
    /** {@code io.grant.query.RowValues}. */
    public static final ClassName ROW_VALUES = ClassName.get(QUERY, "RowValues");
    /** {@code io.grant.query.AsyncQuery}. */
    public static final ClassName ASYNC_QUERY = ClassName.get(QUERY, "AsyncQuery");
    /** {@code io.grant.query.Assignment}. */
    public static final ClassName ASSIGNMENT = ClassName.get(QUERY, "Assignment");
    /** {@code io.grant.query.RecordNotFoundException}. */
    public static final ClassName RECORD_NOT_FOUND = ClassName.get(QUERY, "RecordNotFoundException");
    /** {@code io.grant.shard.ShardedQuery}. */
    public static final ClassName SHARDED_QUERY = ClassName.get("io.grant.shard", "ShardedQuery");
    /** {@code io.grant.query.Filter}. */
    public static final ClassName FILTER = ClassName.get(QUERY, "Filter");

    /** {@code org.jooq.Condition}. */
    public static final ClassName CONDITION = ClassName.get("org.jooq", "Condition");

    /** {@code javax.annotation.processing.Generated}. */
    public static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private ClassNames() {}
}
