package io.grant.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.grant.processor.ClassNames;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * Writes one generated class per input through the {@link Filer}. Every class gets the same frame: the
 * originating element (which Gradle's isolating mode and incremental compilers rely on) and
 * {@code @Generated} without a date, so that the output is the same from one build to the next.
 *
 * @param <T> what a class is generated from
 */
public abstract class SourceFileGenerator<T> {

    private final Filer filer;
    private final String generator;

    /**
     * @param filer where generated sources go
     * @param generator the name {@code @Generated} gives, the processor's class name
     */
    protected SourceFileGenerator(Filer filer, String generator) {
        this.filer = filer;
        this.generator = generator;
    }

    /** The name of the class generated for {@code input}. */
    public abstract ClassName className(T input);

    /** The class for {@code input}, without the frame. */
    protected abstract TypeSpec.Builder write(T input);

    /** The source file for {@code input}, as {@link #generate} writes it. */
    public final JavaFile javaFile(T input, Element originatingElement) {
        TypeSpec type = write(input)
                .addOriginatingElement(originatingElement)
                .addAnnotation(AnnotationSpec.builder(ClassNames.GENERATED)
                        .addMember("value", "$S", generator)
                        .build())
                .build();
        return JavaFile.builder(className(input).packageName(), type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /**
     * Writes the class for {@code input}.
     *
     * @throws IOException if the file cannot be created, e.g. because a class of that name exists
     */
    public final void generate(T input, Element originatingElement) throws IOException {
        javaFile(input, originatingElement).writeTo(filer);
    }
}
