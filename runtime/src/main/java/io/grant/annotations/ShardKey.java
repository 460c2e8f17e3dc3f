package io.grant.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field whose value routes a row to a shard, through the resolver installed with
 * {@code ShardManager.resolver(...)}; {@code UserAsync.forKey(key)} queries the shard a key resolves to.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface ShardKey {}
