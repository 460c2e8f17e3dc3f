package io.grant.internal;

/**
 * Turns off what jOOQ logs on its own that a Grant user did not ask for: its logo and its "tip of the day" (INFO, at
 * the first SQL jOOQ renders), and its "Version mismatch" warning (WARN, at the first connection of a database whose
 * version jOOQ's open-source edition does not list, such as PostgreSQL 15 or MariaDB 10.11 for jOOQ 3.21).
 *
 * <p>jOOQ offers no setting for these per configuration, only system properties, which are read by the whole JVM:
 * {@code org.jooq.no-logo}, {@code org.jooq.no-tips}, and the threshold {@code org.jooq.log.<logger>} of the logger
 * {@code org.jooq.impl.DefaultExecuteContext.logVersionSupport}, the means jOOQ's manual gives to libraries built on
 * it ("Logging system properties"). {@link #apply()} sets each of them only when it is not set: a user who sets one
 * (to {@code false}, or {@code WARN}) keeps jOOQ's behaviour. It runs when {@code Grant} or {@code ModelTable} is
 * first loaded, which is before jOOQ renders any SQL for Grant; the logo and tip are decided once, when jOOQ's
 * render context class is initialized, so SQL that an application rendered with jOOQ before touching Grant has
 * already shown them. Nothing else of jOOQ's logging changes (its execute logging is Grant's {@code io.grant.sql}).
 * Not API.
 */
public final class QuietJooq {

    /** Read once by jOOQ, when its render context class is initialized. */
    public static final String NO_LOGO = "org.jooq.no-logo";
    /** Read once by jOOQ, when its render context class is initialized. */
    public static final String NO_TIPS = "org.jooq.no-tips";
    /** The threshold of the logger of jOOQ's database version check; read at every check. */
    public static final String VERSION_SUPPORT = "org.jooq.log.org.jooq.impl.DefaultExecuteContext.logVersionSupport";

    private QuietJooq() {}

    /** Sets the three properties that are not set yet; idempotent and cheap. */
    public static void apply() {
        setIfAbsent(NO_LOGO, "true");
        setIfAbsent(NO_TIPS, "true");
        setIfAbsent(VERSION_SUPPORT, "ERROR");
    }

    private static void setIfAbsent(String key, String value) {
        try {
            System.getProperties().putIfAbsent(key, value); // atomic: a value set meanwhile wins
        } catch (SecurityException e) {
            // a security manager that forbids it: jOOQ then logs as it would without Grant
        }
    }
}
