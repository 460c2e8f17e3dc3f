package io.grant.processor.model;

import io.grant.processor.ClassNames;
import io.grant.processor.model.EntityDeclaration.StrayAnnotation;
import io.grant.processor.model.PropertyDeclaration.FieldAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads a {@code @GrantModel} type into an {@link EntityDeclaration}: every fact the validator and the model
 * need, and no judgement. Annotations are found by name, so the runtime need not be on the processor path.
 */
public final class EntityExtractor {

    private static final List<String> FIELD_ANNOTATIONS =
            List.of(ClassNames.ID, ClassNames.COLUMN_ANNOTATION, ClassNames.TRANSIENT, ClassNames.SHARD_KEY);

    private static final Map<String, ColumnKind> KINDS_BY_NAME = Arrays.stream(ColumnKind.values())
            .filter(kind -> kind != ColumnKind.ENUM && kind != ColumnKind.BYTES)
            .collect(Collectors.toUnmodifiableMap(ColumnKind::typeName, Function.identity()));

    private final Elements elements;
    private final Types types;

    /** An extractor using the compiler's utilities. */
    public EntityExtractor(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** Reads {@code type}, whose {@code @GrantModel} is {@code annotation}. */
    public EntityDeclaration extract(TypeElement type, AnnotationMirror annotation) {
        List<PropertyDeclaration> properties = new ArrayList<>();
        List<StrayAnnotation> strays = new ArrayList<>();
        if (type.getKind() == ElementKind.RECORD) {
            readRecord(type, properties, strays);
        } else if (type.getKind() == ElementKind.CLASS) {
            readClass(type, properties, strays);
        }
        boolean unresolved = superclasses(type).stream().anyMatch(t -> t.getKind() == TypeKind.ERROR)
                || properties.stream().anyMatch(property -> property.type().getKind() == TypeKind.ERROR);
        return new EntityDeclaration(type, annotation, stringValue(annotation, "table"),
                stringValue(annotation, "connection"), hasNoArgConstructor(type), properties, strays, unresolved);
    }

    private void readRecord(TypeElement type, List<PropertyDeclaration> properties, List<StrayAnnotation> strays) {
        List<ExecutableElement> accessors = new ArrayList<>();
        for (RecordComponentElement component : type.getRecordComponents()) {
            properties.add(property(component, component.asType(), Optional.empty()));
            ExecutableElement accessor = component.getAccessor();
            accessors.add(accessor);
            for (String name : FIELD_ANNOTATIONS) {
                // An explicitly written accessor does not inherit the component's annotations: one of its own is not read.
                if (find(accessor, name).isPresent() && find(component, name).isEmpty()) {
                    strays.add(new StrayAnnotation(accessor, find(accessor, name).get(),
                            "the accessor " + accessor.getSimpleName() + "()"));
                }
            }
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!accessors.contains(method)) {
                strayAnnotations(method, "the method " + method.getSimpleName() + "()", strays);
            }
        }
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            if (field.getModifiers().contains(Modifier.STATIC)) {
                strayAnnotations(field, "the static field " + field.getSimpleName(), strays);
            }
        }
    }

    private void readClass(TypeElement type, List<PropertyDeclaration> properties, List<StrayAnnotation> strays) {
        PackageElement entityPackage = elements.getPackageOf(type);
        List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(type));
        for (TypeElement declaring : hierarchy(type)) {
            for (VariableElement field : ElementFilter.fieldsIn(declaring.getEnclosedElements())) {
                if (field.getModifiers().contains(Modifier.STATIC)) {
                    strayAnnotations(field, "the static field " + field.getSimpleName(), strays);
                    continue;
                }
                if (field.getModifiers().contains(Modifier.TRANSIENT)) {
                    // Java's own "not part of the persistent state", as for serialization and JPA: not stored,
                    // as if it were @Transient (which it may carry too); other Grant annotations mean nothing here
                    for (String name : FIELD_ANNOTATIONS) {
                        if (!name.equals(ClassNames.TRANSIENT)) {
                            find(field, name).ifPresent(mirror -> strays.add(new StrayAnnotation(field, mirror,
                                    "the transient field " + field.getSimpleName() + " (a transient field is not "
                                            + "stored; drop the keyword to store it)")));
                        }
                    }
                    continue;
                }
                FieldAccess access = access(field, entityPackage, methods);
                properties.add(property(field, types.asMemberOf((DeclaredType) type.asType(), field),
                        Optional.of(access)));
            }
            for (ExecutableElement method : ElementFilter.methodsIn(declaring.getEnclosedElements())) {
                strayAnnotations(method, "the method " + method.getSimpleName() + "()", strays);
            }
        }
    }

    private PropertyDeclaration property(Element element, TypeMirror type, Optional<FieldAccess> access) {
        Optional<AnnotationMirror> column = find(element, ClassNames.COLUMN_ANNOTATION);
        return new PropertyDeclaration(
                element,
                element.getSimpleName().toString(),
                type,
                kindOf(type),
                find(element, ClassNames.ID),
                column,
                column.map(mirror -> stringValue(mirror, "value")),
                find(element, ClassNames.TRANSIENT),
                find(element, ClassNames.SHARD_KEY),
                access);
    }

    private FieldAccess access(VariableElement field, PackageElement entityPackage, List<ExecutableElement> methods) {
        TypeMirror type = field.asType();
        String suffix = Names.capitalize(field.getSimpleName().toString());
        String getter = (type.getKind() == TypeKind.BOOLEAN ? "is" : "get") + suffix;
        String setter = "set" + suffix;
        String foundGetter = null;
        boolean hasSetter = false;
        for (ExecutableElement method : methods) {
            if (method.getModifiers().contains(Modifier.STATIC) || !accessibleFrom(method, entityPackage)) {
                continue;
            }
            String name = method.getSimpleName().toString();
            List<? extends VariableElement> parameters = method.getParameters();
            if (parameters.isEmpty() && types.isSameType(method.getReturnType(), type)
                    && (name.equals(getter) || name.equals("get" + suffix))
                    && (foundGetter == null || name.equals(getter))) {
                foundGetter = name; // isActive() is preferred to getActive() when a boolean has both
            }
            if (name.equals(setter) && parameters.size() == 1 && types.isSameType(parameters.get(0).asType(), type)) {
                hasSetter = true;
            }
        }
        return new FieldAccess(accessibleFrom(field, entityPackage), field.getModifiers().contains(Modifier.FINAL),
                foundGetter == null ? getter : foundGetter, foundGetter != null, setter, hasSetter);
    }

    /** Whether code in {@code from} can use {@code member} (the generated companion is no subclass). */
    private boolean accessibleFrom(Element member, PackageElement from) {
        if (member.getModifiers().contains(Modifier.PUBLIC)) {
            return true;
        }
        return !member.getModifiers().contains(Modifier.PRIVATE)
                && elements.getPackageOf(member).equals(from);
    }

    private Optional<ColumnKind> kindOf(TypeMirror type) {
        return switch (type.getKind()) {
            case BOOLEAN -> Optional.of(ColumnKind.BOOLEAN);
            case BYTE -> Optional.of(ColumnKind.BYTE);
            case SHORT -> Optional.of(ColumnKind.SHORT);
            case INT -> Optional.of(ColumnKind.INTEGER);
            case LONG -> Optional.of(ColumnKind.LONG);
            case FLOAT -> Optional.of(ColumnKind.FLOAT);
            case DOUBLE -> Optional.of(ColumnKind.DOUBLE);
            case ARRAY -> ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE
                    ? Optional.of(ColumnKind.BYTES)
                    : Optional.empty();
            case DECLARED -> {
                TypeElement element = (TypeElement) types.asElement(type);
                yield element.getKind() == ElementKind.ENUM
                        ? Optional.of(ColumnKind.ENUM)
                        : Optional.ofNullable(KINDS_BY_NAME.get(element.getQualifiedName().toString()));
            }
            default -> Optional.empty();
        };
    }

    private static boolean hasNoArgConstructor(TypeElement type) {
        return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(constructor -> constructor.getParameters().isEmpty()
                        && !constructor.getModifiers().contains(Modifier.PRIVATE));
    }

    /** The type and its superclasses below {@code Object}, the top-most first. */
    private List<TypeElement> hierarchy(TypeElement type) {
        Deque<TypeElement> hierarchy = new ArrayDeque<>();
        hierarchy.push(type);
        for (TypeMirror superclass : superclasses(type)) {
            if (superclass.getKind() == TypeKind.DECLARED) {
                hierarchy.push((TypeElement) types.asElement(superclass));
            }
        }
        return List.copyOf(hierarchy);
    }

    /** The superclasses of {@code type} below {@code Object}, nearest first; an unresolved one ends the list. */
    private List<TypeMirror> superclasses(TypeElement type) {
        List<TypeMirror> superclasses = new ArrayList<>();
        TypeMirror superclass = type.getSuperclass();
        while (superclass.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) types.asElement(superclass);
            if (element.getQualifiedName().contentEquals("java.lang.Object")
                    || element.getQualifiedName().contentEquals("java.lang.Record")) {
                break;
            }
            superclasses.add(superclass);
            superclass = element.getSuperclass();
        }
        if (superclass.getKind() == TypeKind.ERROR) {
            superclasses.add(superclass);
        }
        return superclasses;
    }

    private static void strayAnnotations(Element element, String description, List<StrayAnnotation> strays) {
        for (String name : FIELD_ANNOTATIONS) {
            find(element, name).ifPresent(mirror -> strays.add(new StrayAnnotation(element, mirror, description)));
        }
    }

    private static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    private String stringValue(AnnotationMirror mirror, String attribute) {
        return elements.getElementValuesWithDefaults(mirror).entrySet().stream()
                .filter(entry -> entry.getKey().getSimpleName().contentEquals(attribute))
                .map(entry -> String.valueOf(entry.getValue().getValue()))
                .findFirst()
                .orElse("");
    }
}
