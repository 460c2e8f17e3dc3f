package io.grant.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.grant.processor.diag.Message;
import io.grant.processor.diag.Reporter;
import io.grant.processor.model.ColumnKind;
import io.grant.processor.model.EntityDeclaration;
import io.grant.processor.model.EntityModel;
import io.grant.processor.model.FieldModel;
import io.grant.processor.model.FieldRead;
import io.grant.processor.model.Instantiation;
import io.grant.processor.model.Names;
import io.grant.processor.model.PropertyDeclaration;
import io.grant.processor.model.PropertyDeclaration.FieldAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Checks an {@link EntityDeclaration} as a whole, reports every problem it finds on the element it is about,
 * and turns a declaration without errors into an {@link EntityModel}: default names filled in, column constants
 * named (and renamed, with a note, where a name is taken).
 */
public final class EntityValidator {

    /** The members of the companion that a column constant must not be named after. */
    private static final Map<String, String> GENERATED_CONSTANTS = Map.of("TABLE", "the table metadata");

    private final Reporter reporter;

    /** A validator reporting through {@code reporter}. */
    public EntityValidator(Reporter reporter) {
        this.reporter = reporter;
    }

    /** The model of {@code declaration}, or empty if it has errors (all of them reported). */
    public Optional<EntityModel> validate(EntityDeclaration declaration) {
        if (!checkKind(declaration)) {
            return Optional.empty();
        }
        checkType(declaration);
        checkAttributes(declaration);
        for (EntityDeclaration.StrayAnnotation stray : declaration.strayAnnotations()) {
            reporter.report(stray.element(), stray.annotation(), Message.MISPLACED_ANNOTATION,
                    simpleName(stray.annotation()), stray.description(), declaration.simpleName());
        }
        for (PropertyDeclaration property : declaration.properties()) {
            checkProperty(declaration, property);
        }
        List<PropertyDeclaration> persisted =
                declaration.properties().stream().filter(PropertyDeclaration::isPersisted).toList();
        checkIds(declaration, persisted);
        checkSingle(declaration, persisted, PropertyDeclaration::shardKey, Message.DUPLICATE_SHARD_KEY);
        checkColumnNames(declaration, persisted);
        if (reporter.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(model(declaration, persisted));
    }

    /** Only records and classes can be entities; for anything else, nothing further is worth saying. */
    private boolean checkKind(EntityDeclaration declaration) {
        String what = switch (declaration.type().getKind()) {
            case RECORD, CLASS -> null;
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a " + declaration.type().getKind().toString().toLowerCase(Locale.ROOT);
        };
        if (what != null) {
            reporter.report(declaration.type(), declaration.annotation(), Message.NOT_A_CLASS,
                    declaration.simpleName(), what);
        }
        return what == null;
    }

    private void checkType(EntityDeclaration declaration) {
        TypeElement type = declaration.type();
        String name = declaration.simpleName();
        boolean isClass = type.getKind() == ElementKind.CLASS;
        if (isClass && type.getModifiers().contains(Modifier.ABSTRACT)) {
            report(type, Message.ABSTRACT_CLASS, name);
        }
        if (!type.getTypeParameters().isEmpty()) {
            report(type, Message.GENERIC_TYPE, name, type.getTypeParameters().stream()
                    .map(parameter -> parameter.getSimpleName().toString())
                    .collect(Collectors.joining(", ")));
        }
        boolean inner = type.getEnclosingElement() instanceof TypeElement
                && !type.getModifiers().contains(Modifier.STATIC);
        if (isClass && inner) {
            report(type, Message.INNER_CLASS, name);
        }
        if (enclosingTypes(type).stream().anyMatch(t -> t.getModifiers().contains(Modifier.PRIVATE))) {
            report(type, Message.PRIVATE_TYPE, name);
        }
        if (isClass && !inner && !declaration.hasNoArgConstructor()) {
            report(type, Message.NO_NO_ARG_CONSTRUCTOR, name);
        }
    }

    private void checkAttributes(EntityDeclaration declaration) {
        String name = declaration.simpleName();
        if (!declaration.table().isEmpty() && declaration.table().isBlank()) {
            reportOnAttribute(declaration, "table", Message.BLANK_TABLE, declaration.table(), name,
                    Names.defaultTable(name));
        }
        if (!declaration.connection().isEmpty() && declaration.connection().isBlank()) {
            reportOnAttribute(declaration, "connection", Message.BLANK_CONNECTION, declaration.connection(), name);
        }
    }

    private void checkProperty(EntityDeclaration declaration, PropertyDeclaration property) {
        String entity = declaration.simpleName();
        Element element = property.element();
        if (property.transientMark().isPresent()) {
            for (Optional<AnnotationMirror> conflicting : List.of(property.id(), property.column(), property.shardKey())) {
                conflicting.ifPresent(annotation -> reporter.report(element, annotation, Message.TRANSIENT_CONFLICT,
                        entity, property.name(), simpleName(annotation)));
            }
            return;
        }
        if (property.id().isPresent() && !property.kind().map(ColumnKind::canBeId).orElse(false)) {
            report(element, Message.UNSUPPORTED_ID_TYPE, entity, property.name(), property.type());
        } else if (property.kind().isEmpty()) {
            report(element, Message.UNSUPPORTED_TYPE, entity, property.name(), property.type());
        }
        property.columnName().filter(String::isBlank).ifPresent(blank -> reporter.report(element,
                property.column().orElseThrow(), Message.BLANK_COLUMN, blank, entity, property.name(),
                Names.snakeCase(property.name())));
        property.access().ifPresent(access -> checkAccess(declaration, property, access));
    }

    private void checkAccess(EntityDeclaration declaration, PropertyDeclaration property, FieldAccess access) {
        String entity = declaration.simpleName();
        Element element = property.element();
        if (access.isFinal()) {
            report(element, Message.FINAL_FIELD, entity, property.name(), entity);
        } else if (!access.accessible()) {
            String type = property.type().toString();
            if (!access.hasGetter() && !access.hasSetter()) {
                report(element, Message.NO_ACCESSORS, entity, property.name(), access.getter(), access.setter(), type);
            } else if (!access.hasGetter()) {
                report(element, Message.NO_GETTER, entity, property.name(), access.getter());
            } else if (!access.hasSetter()) {
                report(element, Message.NO_SETTER, entity, property.name(), access.setter(), type);
            }
        }
    }

    private void checkIds(EntityDeclaration declaration, List<PropertyDeclaration> persisted) {
        if (persisted.stream().noneMatch(property -> property.id().isPresent())) {
            reporter.report(declaration.type(), declaration.annotation(), Message.NO_ID, declaration.simpleName());
        }
        checkSingle(declaration, persisted, PropertyDeclaration::id, Message.DUPLICATE_ID);
    }

    /** Reports {@code message} on every property after the first that carries the annotation {@code marker}. */
    private void checkSingle(EntityDeclaration declaration, List<PropertyDeclaration> persisted,
            Function<PropertyDeclaration, Optional<AnnotationMirror>> marker, Message message) {
        PropertyDeclaration first = null;
        for (PropertyDeclaration property : persisted) {
            Optional<AnnotationMirror> annotation = marker.apply(property);
            if (annotation.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = property;
            } else {
                reporter.report(property.element(), annotation.get(), message, declaration.simpleName(),
                        property.name(), first.name());
            }
        }
    }

    private void checkColumnNames(EntityDeclaration declaration, List<PropertyDeclaration> persisted) {
        // Compared ignoring case: MariaDB and MySQL do, and H2 folds unquoted names.
        Map<String, PropertyDeclaration> byColumn = new HashMap<>();
        for (PropertyDeclaration property : persisted) {
            String column = columnName(property);
            if (column.isBlank()) {
                continue;
            }
            PropertyDeclaration previous = byColumn.putIfAbsent(column.toLowerCase(Locale.ROOT), property);
            if (previous != null) {
                reportOn(property, property.column(), Message.DUPLICATE_COLUMN, declaration.simpleName(),
                        property.name(), column, declaration.simpleName() + "." + previous.name());
            }
        }
    }

    private EntityModel model(EntityDeclaration declaration, List<PropertyDeclaration> persisted) {
        TypeElement type = declaration.type();
        ClassName entity = ClassName.get(type);
        ClassName companion = ClassName.get(entity.packageName(), String.join("_", entity.simpleNames()) + "Async");
        Map<PropertyDeclaration, FieldModel> fields = fieldModels(declaration, companion, persisted);
        Instantiation instantiation = declaration.isRecord()
                ? new Instantiation.CanonicalConstructor(declaration.properties().stream()
                        .<Instantiation.Argument>map(property -> property.isPersisted()
                                ? new Instantiation.ColumnValue(fields.get(property))
                                : new Instantiation.DefaultValue(TypeName.get(property.type())))
                        .toList())
                : new Instantiation.NoArgConstructor(persisted.stream()
                        .map(property -> write(fields.get(property), property.access().orElseThrow()))
                        .toList());
        boolean isPublic = enclosingTypes(type).stream().allMatch(t -> t.getModifiers().contains(Modifier.PUBLIC));
        String table = declaration.table().isEmpty() ? Names.defaultTable(declaration.simpleName()) : declaration.table();
        List<FieldRead> reads = persisted.stream()
                .map(property -> read(fields.get(property), property.access()))
                .toList();
        return new EntityModel(entity, companion, isPublic, table, declaration.connection(),
                persisted.stream().map(fields::get).toList(), instantiation, reads);
    }

    /**
     * One field model per persisted property, in order. A constant whose natural name is taken (by a generated
     * member, or by an earlier field) gets the first free name of {@code NAME_COLUMN}, {@code NAME_COLUMN_2}, ...,
     * never one that another field has naturally, and a note says so.
     */
    private Map<PropertyDeclaration, FieldModel> fieldModels(EntityDeclaration declaration, ClassName companion,
            List<PropertyDeclaration> persisted) {
        Set<String> natural = new HashSet<>();
        persisted.forEach(property -> natural.add(Names.constant(property.name())));
        Map<String, String> takenBy = new HashMap<>(GENERATED_CONSTANTS);
        Map<PropertyDeclaration, FieldModel> fields = new LinkedHashMap<>();
        for (PropertyDeclaration property : persisted) {
            String wanted = Names.constant(property.name());
            String constant = wanted;
            if (takenBy.containsKey(wanted)) {
                constant = wanted + "_COLUMN";
                for (int n = 2; takenBy.containsKey(constant) || natural.contains(constant); n++) {
                    constant = wanted + "_COLUMN_" + n;
                }
                report(property.element(), Message.CONSTANT_RENAMED, declaration.simpleName(), property.name(),
                        companion.simpleName(), constant, wanted, takenBy.get(wanted));
            }
            takenBy.put(constant, "the column constant of " + declaration.simpleName() + "." + property.name());
            fields.put(property, new FieldModel(property.name(), TypeName.get(property.type()),
                    property.kind().orElseThrow(), columnName(property), constant, property.id().isPresent(),
                    property.shardKey().isPresent()));
        }
        return fields;
    }

    private static Instantiation.Write write(FieldModel field, FieldAccess access) {
        return access.hasSetter()
                ? new Instantiation.Write(field, access.setter(), true)
                : new Instantiation.Write(field, field.name(), false);
    }

    /** A record's accessor; a class's getter, else its field (which the access check found usable). */
    private static FieldRead read(FieldModel field, Optional<FieldAccess> access) {
        return access.map(a -> a.hasGetter()
                        ? new FieldRead(field, a.getter(), true)
                        : new FieldRead(field, field.name(), false))
                .orElseGet(() -> new FieldRead(field, field.name(), true));
    }

    private static String columnName(PropertyDeclaration property) {
        return property.columnName().orElseGet(() -> Names.snakeCase(property.name()));
    }

    /** The type and the types it is nested in. */
    private static List<TypeElement> enclosingTypes(TypeElement type) {
        List<TypeElement> types = new ArrayList<>();
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            types.add(t);
        }
        return types;
    }

    private static String simpleName(AnnotationMirror annotation) {
        return annotation.getAnnotationType().asElement().getSimpleName().toString();
    }

    /** Reports on {@code annotation} of the property where it has one, else on the property. */
    private void reportOn(PropertyDeclaration property, Optional<AnnotationMirror> annotation, Message message,
            Object... arguments) {
        annotation.ifPresentOrElse(
                mirror -> reporter.report(property.element(), mirror, message, arguments),
                () -> reporter.report(property.element(), message, arguments));
    }

    private void report(Element element, Message message, Object... arguments) {
        reporter.report(element, message, arguments);
    }

    private void reportOnAttribute(EntityDeclaration declaration, String attribute, Message message,
            Object... arguments) {
        declaration.attribute(attribute).ifPresentOrElse(
                value -> reporter.report(declaration.type(), declaration.annotation(), value, message, arguments),
                () -> reporter.report(declaration.type(), declaration.annotation(), message, arguments));
    }
}
