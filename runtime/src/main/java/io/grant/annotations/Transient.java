package io.grant.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that is not persisted: it gets no column constant and is not read from rows. A record
 * component marked {@code @Transient} receives its type's default value ({@code null}, {@code 0},
 * {@code false}) when a row is mapped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface Transient {}
