package io.grant.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * An instance field or record component of a {@code @GrantModel} type, as written: read, not yet judged.
 *
 * @param element the field or record component, where diagnostics about it go
 * @param name its name
 * @param type its declared type
 * @param kind its kind of column; empty when Grant cannot store the type
 * @param id its {@code @Id}, if any
 * @param column its {@code @Column}, if any
 * @param columnName the value of its {@code @Column}, if any
 * @param transientMark its {@code @Transient}, if any
 * @param shardKey its {@code @ShardKey}, if any
 * @param access how generated code can reach a class's field; empty for record components
 */
public record PropertyDeclaration(
        Element element,
        String name,
        TypeMirror type,
        Optional<ColumnKind> kind,
        Optional<AnnotationMirror> id,
        Optional<AnnotationMirror> column,
        Optional<String> columnName,
        Optional<AnnotationMirror> transientMark,
        Optional<AnnotationMirror> shardKey,
        Optional<FieldAccess> access) {

    /** Whether the field is stored in a column. */
    public boolean isPersisted() {
        return transientMark.isEmpty();
    }

    /**
     * How code in the entity's package can read and write a field of a class.
     *
     * @param accessible whether the field itself can be used from the entity's package
     * @param isFinal whether the field is final
     * @param getter the getter's name: the one found ({@code getActive} for a boolean without {@code isActive}), else
     *     the name it would have ({@code getName}, {@code isActive})
     * @param hasGetter whether such a getter is there, accessible, and of the field's type
     * @param setter the name a setter would have ({@code setName})
     * @param hasSetter whether such a setter is there, accessible, and takes the field's type
     */
    public record FieldAccess(boolean accessible, boolean isFinal, String getter, boolean hasGetter, String setter,
            boolean hasSetter) {}
}
