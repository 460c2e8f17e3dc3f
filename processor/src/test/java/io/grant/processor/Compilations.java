package io.grant.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles sources the way a user's build does: with the processor, {@code --release 21} and every lint. */
final class Compilations {

    /**
     * The options of a strict user build: every lint, processing included (the processor claims Grant's annotations,
     * so javac's processing lint has nothing to report about them).
     */
    static final List<String> OPTIONS = List.of("--release", "21", "-Xlint:all");

    private Compilations() {}

    /** Compiles {@code sources} with the Grant processor. */
    static Compilation compile(JavaFileObject... sources) {
        return compile(List.of(new GrantModelProcessor()), OPTIONS, sources);
    }

    /** Compiles {@code sources} with {@code processors} and {@code options}. */
    static Compilation compile(List<Processor> processors, List<String> options, JavaFileObject... sources) {
        return javac().withProcessors(processors).withOptions(options).compile(sources);
    }

    /** A source file of class {@code qualifiedName}. */
    static JavaFileObject source(String qualifiedName, String text) {
        return JavaFileObjects.forSourceString(qualifiedName, text);
    }

    /** The text of generated source {@code qualifiedName}. */
    static String generated(Compilation compilation, String qualifiedName) {
        JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
                .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName + " in "
                        + compilation.generatedSourceFiles()));
        try {
            return file.getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
