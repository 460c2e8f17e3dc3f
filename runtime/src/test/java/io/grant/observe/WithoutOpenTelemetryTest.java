package io.grant.observe;

import static java.lang.invoke.MethodType.methodType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.Grant;
import java.lang.invoke.MethodHandles;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Grant without OpenTelemetry on its class path, as for a user who does not trace: Grant's classes are loaded anew
 * from Grant's own class path entry by a loader that cannot see {@code io.opentelemetry}, and used through method
 * handles and reflection. Nothing fails to link.
 */
class WithoutOpenTelemetryTest {

    /** Delegates to the test's class path, except for OpenTelemetry (hidden) and Grant (loaded by the child). */
    private static final class Hiding extends ClassLoader {
        Hiding(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.opentelemetry.") || name.startsWith("io.grant.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    private final MethodHandles.Lookup lookup = MethodHandles.publicLookup();

    @Test
    void grantRunsOperationsAndFanOutsAndSaysWhatIsMissingForTracing() throws Throwable {
        URL grantClasses = Grant.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {grantClasses}, new Hiding(getClass().getClassLoader()))) {
            assertThatThrownBy(() -> Class.forName("io.opentelemetry.api.OpenTelemetry", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> grant = loader.loadClass("io.grant.Grant");
            assertThat(grant).isNotSameAs(Grant.class);
            Class<?> builderType = loader.loadClass("io.grant.Grant$Builder");
            Class<?> result = loader.loadClass("io.grant.async.AsyncResult");
            // reflection resolves every type in the signatures: none of Grant's or its builder's is OpenTelemetry's
            assertThat(builderType.getMethods()).extracting(java.lang.reflect.Method::getName).contains("openTelemetry");
            assertThat(grant.getMethods()).isNotEmpty();

            Object builder = lookup.findStatic(grant, "builder", methodType(builderType)).invoke();
            lookup.findVirtual(builderType, "jdbcUrl", methodType(builderType, String.class))
                    .invokeWithArguments(builder, Note.h2());
            assertThatThrownBy(() -> lookup.findVirtual(builderType, "openTelemetry", methodType(builderType,
                    Object.class)).invokeWithArguments(builder, new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs the OpenTelemetry API (io.opentelemetry:opentelemetry-api)");
            Object db = lookup.findVirtual(builderType, "build", methodType(grant)).invokeWithArguments(builder);
            try {
                Function<Object, Object> answer = dsl -> 42;
                Object single = lookup.findVirtual(grant, "async", methodType(result, String.class, Function.class))
                        .invokeWithArguments(db, "Answer", answer);
                assertThat(lookup.findVirtual(result, "await", methodType(Object.class)).invokeWithArguments(single))
                        .isEqualTo(42);

                Class<?> manager = loader.loadClass("io.grant.shard.ShardManager");
                lookup.findStatic(manager, "register", methodType(void.class, String.class, grant))
                        .invokeWithArguments("obs-untraced", db);
                try {
                    Class<?> executor = loader.loadClass("io.grant.shard.ShardedAsyncExecutor");
                    Class<?> results = loader.loadClass("io.grant.shard.ShardedResults");
                    Function<String, Object> work = shard -> {
                        try {
                            return lookup.findVirtual(grant, "async", methodType(result, String.class, Function.class))
                                    .invokeWithArguments(db, "Answer@" + shard, answer);
                        } catch (Throwable e) {
                            throw new AssertionError(e);
                        }
                    };
                    Object fanOut = lookup.findStatic(executor, "executeAcrossShards",
                            methodType(results, List.class, Function.class)).invokeWithArguments(List.of("obs-untraced"), work);
                    assertThat(lookup.findVirtual(results, "awaitAll", methodType(Map.class)).invokeWithArguments(fanOut))
                            .isEqualTo(Map.of("obs-untraced", 42));
                } finally {
                    lookup.findStatic(manager, "clear", methodType(void.class)).invoke();
                }
            } finally {
                lookup.findVirtual(grant, "close", methodType(void.class)).invokeWithArguments(db);
            }
        }
    }
}
