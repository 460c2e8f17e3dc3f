package io.grant.processor;

import com.google.auto.service.AutoService;
import io.grant.processor.diag.Message;
import io.grant.processor.diag.Reporter;
import io.grant.processor.model.EntityDeclaration;
import io.grant.processor.model.EntityExtractor;
import io.grant.processor.model.EntityModel;
import io.grant.processor.validation.EntityValidator;
import io.grant.processor.writer.CompanionWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Writes the {@code UserAsync} companion of every {@code @GrantModel} type. A thin loop: for each annotated
 * type, {@linkplain EntityExtractor extract}, {@linkplain EntityValidator validate}, {@linkplain CompanionWriter
 * write}. A type with errors is reported in full and not written; an exception is reported on the type it came
 * from, never thrown out of {@link #process}. A type that refers to a type not generated yet is retried in the
 * next round. It claims Grant's annotations ({@code @GrantModel}, {@code @Id}, {@code @Column}, {@code @Transient},
 * {@code @ShardKey}, and the {@code @Generated} of what it writes), so that javac's processing lint has nothing to
 * say about them.
 */
@AutoService(Processor.class)
public final class GrantModelProcessor extends AbstractProcessor {

    /** Types whose processing waits for a type another processor has not written yet, by qualified name. */
    private final Set<String> deferred = new LinkedHashSet<>();

    /** Creates the processor; the compiler calls {@link #init} before use. */
    public GrantModelProcessor() {}

    /**
     * Grant's own annotations, all of which this processor claims: a user's {@code -Xlint:all -Werror} build then
     * needs no {@code -Xlint:-processing}, since javac's processing lint only reports annotations nobody claims.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return ClassNames.ANNOTATIONS;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<TypeElement> types = new LinkedHashSet<>();
        for (String name : deferred) {
            Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name)).ifPresent(types::add);
        }
        deferred.clear();
        TypeElement grantModel = processingEnv.getElementUtils().getTypeElement(ClassNames.GRANT_MODEL);
        if (grantModel != null) {
            for (Element element : round.getElementsAnnotatedWith(grantModel)) {
                if (element instanceof TypeElement type) {
                    types.add(type);
                }
            }
        }
        for (TypeElement type : types) {
            processType(type, round.processingOver());
        }
        return true; // Grant's annotations are Grant's: claimed, so no other processor is asked about them
    }

    private void processType(TypeElement type, boolean lastRound) {
        Reporter reporter = new Reporter(processingEnv.getMessager());
        try {
            AnnotationMirror annotation = grantModel(type);
            EntityDeclaration declaration = new EntityExtractor(processingEnv.getElementUtils(),
                    processingEnv.getTypeUtils()).extract(type, annotation);
            if (declaration.unresolved()) {
                // Another processor may write the missing type in a later round; if none does, javac reports it.
                if (!lastRound) {
                    deferred.add(type.getQualifiedName().toString());
                }
                return;
            }
            Optional<EntityModel> model = new EntityValidator(reporter).validate(declaration);
            if (model.isPresent()) {
                write(model.get(), type, reporter);
            }
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            reporter.report(type, Message.UNEXPECTED_FAILURE, type.getQualifiedName(), trace);
        }
    }

    private void write(EntityModel model, TypeElement type, Reporter reporter) {
        CompanionWriter writer = new CompanionWriter(processingEnv.getFiler(), getClass().getName());
        try {
            writer.generate(model, type);
        } catch (IOException e) {
            String companion = model.companion().canonicalName();
            reporter.report(type, Message.WRITE_FAILED, companion, type.getSimpleName(), e.getMessage(), companion);
        }
    }

    private static AnnotationMirror grantModel(TypeElement type) {
        return type.getAnnotationMirrors().stream()
                .filter(mirror -> ((TypeElement) mirror.getAnnotationType().asElement())
                        .getQualifiedName().contentEquals(ClassNames.GRANT_MODEL))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(type + " has no @GrantModel"));
    }
}
