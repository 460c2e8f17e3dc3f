package io.grant.processor.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @GrantModel} type as written, read by the {@link EntityExtractor}: what the validator checks as a
 * whole before it becomes an {@link EntityModel}.
 *
 * @param type the annotated type
 * @param annotation its {@code @GrantModel}
 * @param table the {@code table} attribute; empty for the default
 * @param connection the {@code connection} attribute; empty for the default database
 * @param hasNoArgConstructor whether a class has a no-argument constructor its package can call
 * @param properties the instance fields (superclass fields first) or record components, in order
 * @param strayAnnotations Grant's field annotations found where they are not read
 * @param unresolved whether a type it depends on is not known yet (another processor may still write it)
 */
public record EntityDeclaration(
        TypeElement type,
        AnnotationMirror annotation,
        String table,
        String connection,
        boolean hasNoArgConstructor,
        List<PropertyDeclaration> properties,
        List<StrayAnnotation> strayAnnotations,
        boolean unresolved) {

    /** Copies the lists. */
    public EntityDeclaration {
        properties = List.copyOf(properties);
        strayAnnotations = List.copyOf(strayAnnotations);
    }

    /** The entity's simple name, as messages use it. */
    public String simpleName() {
        return type.getSimpleName().toString();
    }

    /** Whether the entity is a record. */
    public boolean isRecord() {
        return type.getKind() == ElementKind.RECORD;
    }

    /** The value of attribute {@code name} of {@code @GrantModel}, if the user wrote it. */
    public Optional<AnnotationValue> attribute(String name) {
        return annotation.getElementValues().entrySet().stream()
                .filter(entry -> entry.getKey().getSimpleName().contentEquals(name))
                .<AnnotationValue>map(Map.Entry::getValue)
                .findFirst();
    }

    /**
     * A Grant annotation where it has no effect, e.g. {@code @Id} on a method or a static field.
     *
     * @param element what carries it
     * @param annotation the annotation
     * @param description how to name {@code element} in a message ({@code "static field User.COUNT"})
     */
    public record StrayAnnotation(Element element, AnnotationMirror annotation, String description) {}
}
