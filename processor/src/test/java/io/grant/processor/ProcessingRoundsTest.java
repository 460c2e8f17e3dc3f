package io.grant.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.grant.processor.Compilations.compile;
import static io.grant.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How the processor lives among other processors and build tools. */
class ProcessingRoundsTest {

    private static final JavaFileObject ORDER = source("com.acme.Order", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;

            @GrantModel(table = "order")
            public record Order(@Id Long id, Status status) {}
            """);

    /**
     * Writes the enum {@code com.acme.Status} in its first round, as another code generator would, for its own
     * annotation {@code @com.acme.MakeStatus}. (Grant's processor claims Grant's annotations, so a processor of
     * {@code "*"} listed after it is only called for annotations nobody claimed.)
     */
    static final class StatusWriter extends AbstractProcessor {
        private boolean written;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("com.acme.MakeStatus");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
                written = true;
                try (Writer writer = processingEnv.getFiler().createSourceFile("com.acme.Status").openWriter()) {
                    writer.write("package com.acme;\n\npublic enum Status { OPEN, SHIPPED }\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return true;
        }
    }

    @Test
    void anEntityWaitsForATypeThatAnotherProcessorWrites() {
        List<Processor> processors = List.of(new GrantModelProcessor(), new StatusWriter());

        JavaFileObject makeStatus = source("com.acme.MakeStatus", """
                package com.acme;

                public @interface MakeStatus {}
                """);
        JavaFileObject usage = source("com.acme.Usage", """
                package com.acme;

                @MakeStatus
                class Usage {
                    io.grant.query.Column<Order, Status> status = OrderAsync.STATUS;
                }
                """);

        Compilation compilation = Compilations.compile(processors, Compilations.OPTIONS, ORDER, makeStatus, usage);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void aTypeThatNeverAppearsIsLeftToJavacToReport() {
        Compilation compilation = compile(ORDER);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(ORDER).onLineContaining("Status status");
    }

    @Test
    void isRegisteredForJavacAndDeclaredIsolatingForGradle() throws IOException {
        assertThat(resource("META-INF/services/javax.annotation.processing.Processor"))
                .isEqualToIgnoringWhitespace(GrantModelProcessor.class.getName());
        assertThat(resource("META-INF/gradle/incremental.annotation.processors"))
                .isEqualToIgnoringWhitespace(GrantModelProcessor.class.getName() + ",isolating");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GrantModelProcessor.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
