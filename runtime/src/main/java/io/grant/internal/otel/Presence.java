package io.grant.internal.otel;

/**
 * Checks that an object is an OpenTelemetry instance without naming OpenTelemetry's types, so that it can be called
 * whether or not the optional API is on the class path. Not API.
 */
public final class Presence {

    private static final String API = "io.opentelemetry.api.OpenTelemetry";

    private Presence() {}

    /**
     * @throws IllegalArgumentException if {@code candidate} is no {@code io.opentelemetry.api.OpenTelemetry}, or the
     *     OpenTelemetry API is not on Grant's class path
     */
    public static void require(Object candidate) {
        Class<?> api;
        try {
            api = Class.forName(API, false, Presence.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("openTelemetry needs the OpenTelemetry API (io.opentelemetry:"
                    + "opentelemetry-api) on the class path, next to Grant; it is not there", e);
        }
        if (!api.isInstance(candidate)) {
            throw new IllegalArgumentException("openTelemetry must be an " + API + ", was a "
                    + candidate.getClass().getName());
        }
    }
}
