package io.grant.internal;

import org.jooq.Configuration;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;

/**
 * The jOOQ settings a database runs with: the user's ({@code Grant.builder().jooqSettings(...)}), or jOOQ's defaults,
 * with the few that Grant's SQL relies on put back. Everything else (render mapping, formatting, keyword case, fetch
 * size, query timeout, ...) is the user's. Not API.
 */
public final class JooqSettings {

    /** The configuration data that tells SQL rendered under user settings apart (see {@link #rendering}). */
    private static final String RENDERING = "io.grant.rendering";

    private JooqSettings() {}

    /**
     * A copy of {@code user} ({@code null}: jOOQ's defaults) with Grant's requirements:
     * <ul>
     *   <li>{@code executeLogging} off: statements are logged through {@code io.grant.sql};
     *   <li>{@code statementType} {@code PREPARED_STATEMENT} and {@code paramType} {@code INDEXED}: values are bound
     *       through {@code ?} markers, so that SQL rendered once per shape is reused with other values (inlined
     *       values would be cached into it);
     *   <li>{@code renderQuotedNames} {@code EXPLICIT_DEFAULT_QUOTED} and {@code renderNameCase} {@code AS_IS}: Grant
     *       quotes exactly the names that must be quoted, so that a table created without quotes is found on every
     *       database (H2 folds unquoted names to upper case).
     * </ul>
     */
    public static Settings merge(Settings user) {
        Settings settings = user == null ? new Settings() : (Settings) user.clone();
        return settings.withExecuteLogging(false)
                .withStatementType(StatementType.PREPARED_STATEMENT)
                .withParamType(ParamType.INDEXED)
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
                .withRenderNameCase(RenderNameCase.AS_IS);
    }

    /**
     * Marks {@code configuration} as rendering SQL with settings of its own, so that SQL cached for every database of
     * a dialect is not shared with it.
     */
    public static void renderOwn(Configuration configuration) {
        configuration.data(RENDERING, new Object());
    }

    /**
     * What SQL rendered under {@code configuration} may be shared with: every configuration of its dialect, unless it
     * renders with settings of its own ({@link #renderOwn}).
     */
    public static Object rendering(Configuration configuration) {
        Object own = configuration.data(RENDERING);
        return own != null ? own : configuration.dialect();
    }
}
