package io.grant.processor.diag;

import java.util.Objects;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints {@link Message}s on the element (and, where one is given, the annotation or attribute) they are about,
 * and remembers whether any was an error. One reporter per entity, so that an entity with errors is not
 * written while the others are.
 */
public final class Reporter {

    private final Messager messager;
    private boolean errors;

    /** A reporter printing through {@code messager}. */
    public Reporter(Messager messager) {
        this.messager = Objects.requireNonNull(messager, "messager");
    }

    /** Reports {@code message} on {@code element}. */
    public void report(Element element, Message message, Object... arguments) {
        record(message).printMessage(message.kind(), message.format(arguments), element);
    }

    /** Reports {@code message} on {@code annotation} of {@code element}. */
    public void report(Element element, AnnotationMirror annotation, Message message, Object... arguments) {
        record(message).printMessage(message.kind(), message.format(arguments), element, annotation);
    }

    /** Reports {@code message} on attribute {@code value} of {@code annotation} of {@code element}. */
    public void report(Element element, AnnotationMirror annotation, AnnotationValue value, Message message,
            Object... arguments) {
        record(message).printMessage(message.kind(), message.format(arguments), element, annotation, value);
    }

    /** Whether an error was reported. */
    public boolean hasErrors() {
        return errors;
    }

    private Messager record(Message message) {
        errors |= message.kind() == Diagnostic.Kind.ERROR;
        return messager;
    }
}
