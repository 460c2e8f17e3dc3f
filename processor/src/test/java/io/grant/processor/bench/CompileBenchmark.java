package io.grant.processor.bench;

import io.grant.processor.GrantModelProcessor;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * How much of a build's compile time the processor costs: writes {@code N} entities (default 200), then compiles
 * them in this JVM, alternately without the processor ({@code -proc:none}) and with it, after warm-up rounds, and
 * prints the medians. "With" includes compiling the generated companions; the time spent inside the processor
 * itself is measured separately by wrapping it. Run through {@code src/test/benchmark/compile-entities.sh}.
 *
 * <p>Arguments: the class path the entities compile against (the runtime and its dependencies), then optionally the
 * number of entities, warm-up rounds and measured rounds.
 */
public final class CompileBenchmark {

    private CompileBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args class path, [entities [warm-up [rounds]]]
     * @throws IOException if the sources cannot be written
     */
    public static void main(String[] args) throws IOException {
        String classPath = args[0];
        int entities = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path dir = Files.createTempDirectory("grant-compile-benchmark");
        List<Path> sources = EntitySources.write(dir.resolve("src"), entities);

        long[] without = new long[rounds];
        long[] with = new long[rounds];
        long[] inside = new long[rounds];
        for (int i = -warmUp; i < rounds; i++) {
            long plain = compile(sources, classPath, dir.resolve("plain"), null);
            AtomicLong processorNanos = new AtomicLong();
            long processed = compile(sources, classPath, dir.resolve("processed"),
                    new TimedProcessor(new GrantModelProcessor(), processorNanos));
            if (i >= 0) {
                without[i] = plain;
                with[i] = processed;
                inside[i] = processorNanos.get();
            }
        }
        long plain = median(without);
        long processed = median(with);
        long processor = median(inside);
        System.out.printf("%d entities, median of %d rounds after %d warm-up rounds, javac in-process (%s)%n",
                entities, rounds, warmUp, Runtime.version());
        System.out.printf("  without the processor (-proc:none):         %6d ms%n", plain / 1_000_000);
        System.out.printf("  with the processor (and its %d companions): %6d ms%n", entities, processed / 1_000_000);
        System.out.printf("  inside the processor's process():           %6d ms = %.1f%% of the build with it%n",
                processor / 1_000_000, 100.0 * processor / processed);
        System.out.printf("  the processor's share (with - without):     %6d ms = %.1f%% of the build with it%n",
                (processed - plain) / 1_000_000, 100.0 * (processed - plain) / processed);
    }

    private static long compile(List<Path> sources, String classPath, Path out, Processor processor)
            throws IOException {
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            List<String> options = new ArrayList<>(List.of("--release", "21", "-Xlint:all",
                    "-Werror", "-classpath", classPath, "-d", out.toString(), "-s", out.toString()));
            if (processor == null) {
                options.add("-proc:none");
            }
            StringWriter diagnostics = new StringWriter();
            JavaCompiler.CompilationTask task = javac.getTask(diagnostics, files, null, options, null, units);
            if (processor != null) {
                task.setProcessors(List.of(processor));
            }
            long start = System.nanoTime();
            boolean ok = task.call();
            long elapsed = System.nanoTime() - start;
            if (!ok) {
                throw new IllegalStateException("compilation failed:\n" + diagnostics);
            }
            return elapsed;
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Delegates to a processor and adds the time spent in its {@code init} and {@code process} to a counter. */
    private record TimedProcessor(Processor delegate, AtomicLong nanos) implements Processor {

        @Override
        public Set<String> getSupportedOptions() {
            return delegate.getSupportedOptions();
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public void init(ProcessingEnvironment processingEnv) {
            long start = System.nanoTime();
            delegate.init(processingEnv);
            nanos.addAndGet(System.nanoTime() - start);
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
            long start = System.nanoTime();
            try {
                return delegate.process(annotations, roundEnv);
            } finally {
                nanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
                ExecutableElement member, String userText) {
            return delegate.getCompletions(element, annotation, member, userText);
        }
    }
}
