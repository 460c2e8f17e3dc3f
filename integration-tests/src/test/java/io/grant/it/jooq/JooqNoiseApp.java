package io.grant.it.jooq;

import io.grant.Grant;
import org.jooq.impl.DSL;

/**
 * What {@link JooqNoiseTest} runs in a JVM of its own, so that jOOQ starts there from nothing: opens a Grant on the
 * database of its arguments (URL, user, password), runs a statement through {@code db.dsl()} and one as an operation,
 * and prints {@code probe=<n>}.
 */
public final class JooqNoiseApp {

    private JooqNoiseApp() {}

    public static void main(String[] args) {
        try (Grant db = Grant.builder().name("noise").jdbcUrl(args[0]).username(args[1]).password(args[2]).poolSize(1)
                .build()) {
            int direct = db.dsl().fetchValue(DSL.selectOne());
            int operation = db.async("Noise.probe", dsl -> dsl.fetchValue(DSL.select(DSL.inline(1)))).await();
            System.out.println("probe=" + (direct + operation));
        }
    }
}
