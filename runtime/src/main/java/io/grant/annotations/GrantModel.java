package io.grant.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record or class as a Grant entity. The annotation processor ({@code grant-processor})
 * writes a companion {@code <Name>Async} next to it with typed column constants and async queries.
 *
 * <pre>{@code
 * @GrantModel(table = "users")
 * public record User(@Id Long id, String name, int age) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GrantModel {

    /** The table name; empty means {@code snake_case(simple name) + "s"} ({@code OrderLine} -> {@code order_lines}). */
    String table() default "";

    /**
     * The name of a registered {@link io.grant.Grant} ({@code Grant.register(name, db)}) this model lives in;
     * empty means the default database, or the current shard. A model with an explicit connection is never
     * routed by shard.
     */
    String connection() default "";
}
