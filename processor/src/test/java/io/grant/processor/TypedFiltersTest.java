package io.grant.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.grant.processor.Compilations.compile;
import static io.grant.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * API.md section 7: a filter or sort of another model does not compile in any {@code where} or {@code orderBy}: the
 * companion's, {@code AsyncQuery}'s, {@code BlockingQuery}'s and {@code ShardedQuery}'s, in the first argument or
 * among the others. Each misuse is on a line of its own, and the error is asserted on that line.
 */
class TypedFiltersTest {

    private static final JavaFileObject ORDER = source("com.acme.Order", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;

            @GrantModel
            public record Order(@Id Long id, long customerId, String status) {}
            """);

    private static final JavaFileObject CUSTOMER = source("com.acme.Customer", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;

            @GrantModel
            public record Customer(@Id Long id, String name) {}
            """);

    /** Each line uses a {@code Customer} filter or sort where an {@code Order} one is expected. */
    private static final List<String> MISUSES = List.of(
            "OrderAsync.where(CustomerAsync.ID.eq(5L)); // companion where",
            "OrderAsync.where(OrderAsync.ID.eq(1L), CustomerAsync.ID.eq(5L)); // companion where, second",
            "OrderAsync.query().where(CustomerAsync.ID.eq(5L)); // AsyncQuery.where",
            "OrderAsync.query().where(OrderAsync.ID.eq(1L), CustomerAsync.NAME.like(\"A%\")); // AsyncQuery.where, 2nd",
            "OrderAsync.query().orderBy(CustomerAsync.ID.asc()); // AsyncQuery.orderBy",
            "OrderAsync.query().orderBy(OrderAsync.ID.asc(), CustomerAsync.ID.desc()); // AsyncQuery.orderBy, 2nd",
            "OrderAsync.query().blocking().where(CustomerAsync.ID.eq(5L)); // BlockingQuery.where",
            "OrderAsync.query().blocking().where(OrderAsync.ID.eq(1L), CustomerAsync.ID.eq(5L)); // BlockingQuery",
            "OrderAsync.query().blocking().orderBy(CustomerAsync.NAME.asc()); // BlockingQuery.orderBy",
            "OrderAsync.query().blocking().orderBy(OrderAsync.ID.asc(), CustomerAsync.NAME.asc()); // BlockingQuery",
            "OrderAsync.acrossShards().where(CustomerAsync.ID.eq(5L)); // ShardedQuery.where",
            "OrderAsync.acrossShards().where(OrderAsync.ID.eq(1L), CustomerAsync.ID.isNull()); // ShardedQuery.where",
            "OrderAsync.acrossShards().orderBy(CustomerAsync.ID.asc().nullsLast()); // ShardedQuery.orderBy",
            "OrderAsync.acrossShards().orderBy(OrderAsync.ID.asc(), CustomerAsync.ID.asc()); // ShardedQuery.orderBy",
            "OrderAsync.where(OrderAsync.ID.eq(1L).and(CustomerAsync.ID.eq(5L))); // Filter.and",
            "OrderAsync.where(OrderAsync.ID.eq(1L).or(CustomerAsync.ID.eq(5L))); // Filter.or");

    @Test
    void aFilterOrSortOfAnotherModelIsACompileErrorInEveryWhereAndOrderBy() {
        JavaFileObject usage = usage(MISUSES);

        Compilation compilation = compile(ORDER, CUSTOMER, usage);

        assertThat(compilation).hadErrorCount(MISUSES.size());
        for (int i = 0; i < MISUSES.size(); i++) {
            // "no suitable method found for where(...Filter<com.acme.Customer>)", or "... cannot be converted"
            String wrong = MISUSES.get(i).contains(".orderBy(")
                    ? "Sort<com.acme.Customer>"
                    : "Filter<com.acme.Customer>";
            assertThat(compilation).hadErrorContaining(wrong).inFile(usage).onLineContaining(marker(i));
        }
    }

    @Test
    void theSameCallsWithTheModelsOwnFiltersAndSortsCompileWithoutWarnings() {
        List<String> ownColumns = MISUSES.stream()
                .map(line -> line.replace("CustomerAsync.NAME.like(\"A%\")", "OrderAsync.STATUS.like(\"A%\")")
                        .replace("CustomerAsync.NAME", "OrderAsync.STATUS")
                        .replace("CustomerAsync.", "OrderAsync."))
                .toList();

        Compilation compilation = compile(ORDER, CUSTOMER, usage(ownColumns));

        assertThat(compilation).succeededWithoutWarnings();
    }

    /** A class whose method holds {@code lines}, one statement each, the {@code i}th marked {@link #marker}. */
    private static JavaFileObject usage(List<String> lines) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            body.append("        ").append(line, 0, line.indexOf("//")).append(marker(i))
                    .append(line.substring(line.indexOf("//") + 2)).append('\n');
        }
        return source("com.acme.Usage", """
                package com.acme;

                class Usage {
                    void misuse() {
                %s    }
                }
                """.formatted(body));
    }

    /** What only line {@code i} contains: {@code "// #3 "}. */
    private static String marker(int i) {
        return "// #" + (i + 1) + " ";
    }
}
