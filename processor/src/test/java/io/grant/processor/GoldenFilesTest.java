package io.grant.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.grant.processor.Compilations.compile;
import static io.grant.processor.Compilations.generated;
import static io.grant.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated companion, character for character, for the entity of API.md (a record) and for a JavaBean class
 * with a connection, a shard key and a superclass. Run with {@code -Dgrant.golden.update=true} to rewrite the golden
 * files after an intended change, then review the diff.
 */
class GoldenFilesTest {

    static final JavaFileObject USER = source("com.acme.User", """
            package com.acme;

            import io.grant.annotations.Column;
            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;
            import io.grant.annotations.Transient;
            import java.math.BigDecimal;
            import java.time.Instant;

            @GrantModel(table = "users")
            public record User(
                @Id Long id,
                String name,
                @Column("email_address") String email,
                boolean active,
                int age,
                BigDecimal balance,
                Instant updatedAt,
                @Transient String displayName) {}
            """);

    static final JavaFileObject AUDITED = source("com.acme.Audited", """
            package com.acme;

            import java.time.OffsetDateTime;

            public abstract class Audited {
                private OffsetDateTime createdAt;

                public OffsetDateTime getCreatedAt() { return createdAt; }
                public void setCreatedAt(OffsetDateTime createdAt) { this.createdAt = createdAt; }
            }
            """);

    static final JavaFileObject ACCOUNT = source("com.acme.Account", """
            package com.acme;

            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;
            import io.grant.annotations.ShardKey;
            import io.grant.annotations.Transient;
            import java.util.UUID;

            @GrantModel(connection = "analytics")
            public class Account extends Audited {
                public enum Tier { FREE, PRO }

                @Id private UUID id;
                @ShardKey public String region;
                private Tier tier;
                public long credits;
                public byte[] avatar;
                @Transient private String cache;

                public UUID getId() { return id; }
                public void setId(UUID id) { this.id = id; }
                public Tier getTier() { return tier; }
                public void setTier(Tier tier) { this.tier = tier; }
            }
            """);

    @Test
    void recordCompanion() {
        Compilation compilation = compile(USER);

        assertThat(compilation).succeededWithoutWarnings();
        assertGolden(generated(compilation, "com.acme.UserAsync"), "UserAsync.java");
    }

    @Test
    void javaBeanCompanion() {
        Compilation compilation = compile(AUDITED, ACCOUNT);

        assertThat(compilation).succeededWithoutWarnings();
        assertGolden(generated(compilation, "com.acme.AccountAsync"), "AccountAsync.java");
    }

    @Test
    void outputIsTheSameFromOneBuildToTheNext() {
        String first = generated(compile(AUDITED, ACCOUNT, USER), "com.acme.AccountAsync");
        String second = generated(compile(USER, ACCOUNT, AUDITED), "com.acme.AccountAsync");

        assertThat(second).isEqualTo(first);
    }

    private static void assertGolden(String actual, String golden) {
        if (Boolean.getBoolean("grant.golden.update")) {
            try {
                Files.writeString(Path.of("src/test/resources/golden", golden), actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try (InputStream expected = GoldenFilesTest.class.getResourceAsStream("/golden/" + golden)) {
            assertThat(expected).as("golden file %s", golden).isNotNull();
            assertThat(actual).isEqualTo(new String(expected.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
