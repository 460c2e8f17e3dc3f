package io.grant.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.grant.processor.Compilations.compile;
import static io.grant.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every malformed entity gets one precise error, on the element it is about, that says how to fix it; a type
 * with errors gets no companion. One test per message of {@code io.grant.processor.diag.Message}.
 */
class DiagnosticsTest {

    private static final String IMPORTS = """
            package com.acme;

            import io.grant.annotations.Column;
            import io.grant.annotations.GrantModel;
            import io.grant.annotations.Id;
            import io.grant.annotations.ShardKey;
            import io.grant.annotations.Transient;
            import java.util.List;

            """;

    /** {@code com.acme.<name>}, with Grant's annotations and {@code List} imported. */
    static JavaFileObject entity(String name, String body) {
        return source("com.acme." + name, IMPORTS + body);
    }

    /** Compiles {@code file}, expects exactly one error containing {@code message} on the line with {@code line}. */
    static Compilation assertOneError(JavaFileObject file, String message, String line) {
        Compilation compilation = compile(file);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
        return compilation;
    }

    @Nested
    class TheType {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "interface Thing { }                      | an interface",
            "enum Thing { A, B }                      | an enum",
            "@interface Thing { }                     | an annotation type"})
        void mustBeARecordOrAClass(String declaration, String what) {
            JavaFileObject file = entity("Thing", "@GrantModel\npublic " + declaration + "\n");

            assertOneError(file, "@GrantModel Thing is " + what + "; put @GrantModel on a record or a class",
                    "@GrantModel");
        }

        @Test
        void mustNotBeAbstract() {
            JavaFileObject file = entity("Shape", """
                    @GrantModel
                    public abstract class Shape {
                        @Id public Long id;
                    }
                    """);

            assertOneError(file, "@GrantModel class Shape is abstract, so Grant cannot create it from a row; "
                    + "make it concrete", "class Shape");
        }

        @Test
        void mustNotBeGeneric() {
            JavaFileObject file = entity("Box", """
                    @GrantModel
                    public record Box<T, U>(@Id Long id) {}
                    """);

            assertOneError(file, "@GrantModel Box declares type parameters <T, U>, but an entity's columns need "
                    + "fixed types; remove the type parameters", "record Box");
        }

        @Test
        void mustNotBeAnInnerClass() {
            JavaFileObject file = entity("Shop", """
                    public class Shop {
                        @GrantModel
                        public class Item {
                            @Id public Long id;
                        }
                    }
                    """);

            assertOneError(file, "@GrantModel class Item is an inner class, which needs an outer instance to be "
                    + "created; declare it static", "class Item");
        }

        @Test
        void mustNotBePrivate() {
            JavaFileObject file = entity("Shop", """
                    public class Shop {
                        @GrantModel
                        private record Item(@Id Long id) {}
                    }
                    """);

            assertOneError(file, "@GrantModel Item is private (or nested in a private type), so its generated "
                    + "companion cannot use it; make it package-private or public", "record Item");
        }

        @ParameterizedTest
        @ValueSource(strings = {"public Widget(long id) { this.id = id; }", "private Widget() { }"})
        void classNeedsAnAccessibleNoArgConstructor(String constructor) {
            JavaFileObject file = entity("Widget", """
                    @GrantModel
                    public class Widget {
                        @Id public long id;
                        %s
                    }
                    """.formatted(constructor));

            assertOneError(file, "@GrantModel class Widget has no accessible no-argument constructor, which Grant "
                    + "needs to create it from a row; add a public no-argument constructor, or make it a record",
                    "class Widget");
        }

        @Test
        void tableMustNotBeBlank() {
            JavaFileObject file = entity("OrderLine", """
                    @GrantModel(table = "  ")
                    public record OrderLine(@Id Long id) {}
                    """);

            assertOneError(file, "@GrantModel(table = \"  \") of OrderLine is blank; name the table, or leave "
                    + "table out to use \"order_lines\"", "table = \"  \"");
        }

        @Test
        void connectionMustNotBeBlank() {
            JavaFileObject file = entity("Event", """
                    @GrantModel(
                        connection = " ")
                    public record Event(@Id Long id) {}
                    """);

            assertOneError(file, "@GrantModel(connection = \" \") of Event is blank; name a registered Grant, or "
                    + "leave connection out to use the default database", "connection = \" \"");
        }
    }

    @Nested
    class TheId {

        @Test
        void isRequired() {
            JavaFileObject file = entity("Note", """
                    @GrantModel
                    public record Note(Long id, String text) {}
                    """);

            assertOneError(file, "@GrantModel Note has no @Id field; mark its primary key with @Id", "@GrantModel");
        }

        @Test
        void isUnique() {
            JavaFileObject file = entity("Note", """
                    @GrantModel
                    public record Note(
                        @Id Long id,
                        @Id String code) {}
                    """);

            assertOneError(file, "Note.code is a second @Id (the first is id), but a model has exactly one primary "
                    + "key; remove @Id from one of them", "@Id String code");
        }

        @ParameterizedTest
        @ValueSource(strings = {"double", "java.math.BigDecimal", "java.time.Instant", "short"})
        void hasAKeyType(String type) {
            JavaFileObject file = entity("Note", """
                    @GrantModel
                    public record Note(
                        @Id %s id,
                        String text) {}
                    """.formatted(type));

            assertOneError(file, "@Id Note.id has type " + type + "; an @Id must be a Long, long, Integer, int, String "
                    + "or UUID", "@Id " + type + " id");
        }
    }

    @Nested
    class AField {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "List<String>   | java.util.List<java.lang.String>",
            "Object         | java.lang.Object",
            "Character      | java.lang.Character",
            "char           | char",
            "java.util.Date | java.util.Date",
            "int[]          | int[]"})
        void hasAColumnType(String type, String javaName) {
            JavaFileObject file = entity("Post", """
                    @GrantModel
                    public record Post(
                        @Id Long id,
                        %s payload) {}
                    """.formatted(type));

            assertOneError(file, "Post.payload has type " + javaName
                    + ", which Grant cannot store in a column; use String, boolean, byte, short, int, long, "
                    + "float, double (or their boxes), BigDecimal, BigInteger, UUID, LocalDate, LocalTime, "
                    + "LocalDateTime, OffsetDateTime, Instant, byte[] or an enum, or mark the field @Transient",
                    type + " payload");
        }

        @Test
        void thatIsPrivateNeedsAGetter() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public class Member {
                        @Id public Long id;
                        private String name;
                        public void setName(String name) { this.name = name; }
                    }
                    """);

            assertOneError(file, "Member.name is private and has no public getter getName(); add one, or make "
                    + "the field public", "private String name");
        }

        @Test
        void thatIsPrivateNeedsASetter() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public class Member {
                        @Id public Long id;
                        private boolean active;
                        public boolean isActive() { return active; }
                        public void setActive(Boolean active) { this.active = active; }
                    }
                    """);

            assertOneError(file, "Member.active is private and has no public setter setActive(boolean); add one, "
                    + "or make the field public", "private boolean active");
        }

        @Test
        void thatIsPrivateWithoutAccessorsNeedsBoth() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public class Member {
                        @Id public Long id;
                        private int age;
                        int getAge() { return age; }
                    }
                    """.replace("int getAge()", "private int getAge()"));

            assertOneError(file, "Member.age is private and has no public getter getAge() or setter setAge(int); "
                    + "add both, or make the field public", "private int age");
        }

        @Test
        void ofAClassMustNotBeFinal() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public class Member {
                        @Id public Long id;
                        public final String name = "x";
                    }
                    """);

            assertOneError(file, "Member.name is final, but a class entity is filled in after its no-argument "
                    + "constructor runs; remove final, mark the field @Transient, or make Member a record",
                    "public final String name");
        }

        @Test
        void mustNotShareItsColumn() {
            JavaFileObject file = entity("Person", """
                    @GrantModel
                    public record Person(
                        @Id Long id,
                        @Column("user_name") String name,
                        String userName) {}
                    """);

            assertOneError(file, "Person.userName maps to column \"user_name\", and so does Person.name; give one "
                    + "of them another name with @Column(\"...\")", "String userName");
        }

        @Test
        void mustNotShareItsColumnIgnoringCase() {
            JavaFileObject file = entity("Person", """
                    @GrantModel
                    public record Person(
                        @Id Long id,
                        String email,
                        @Column("EMAIL") String contact) {}
                    """);

            assertOneError(file, "Person.contact maps to column \"EMAIL\", and so does Person.email",
                    "@Column(\"EMAIL\")");
        }

        @Test
        void mustNotHaveABlankColumn() {
            JavaFileObject file = entity("Person", """
                    @GrantModel
                    public record Person(
                        @Id Long id,
                        @Column(" ") String name) {}
                    """);

            assertOneError(file, "@Column(\" \") on Person.name is blank; name the column, or remove @Column to "
                    + "use \"name\"", "@Column(\" \") String name");
        }

        @Test
        void isTheOnlyShardKey() {
            JavaFileObject file = entity("Visit", """
                    @GrantModel
                    public record Visit(
                        @Id Long id,
                        @ShardKey String region,
                        @ShardKey String country) {}
                    """);

            assertOneError(file, "Visit.country is a second @ShardKey (the first is region), but rows are routed "
                    + "by one field; remove @ShardKey from one of them", "@ShardKey String country");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"@Column(\"c\") | Column", "@ShardKey | ShardKey"})
        void thatIsTransientIsNothingElse(String annotation, String name) {
            JavaFileObject file = entity("Visit", """
                    @GrantModel
                    public record Visit(
                        @Id Long id,
                        @Transient %s String cache) {}
                    """.formatted(annotation));

            assertOneError(file, "Visit.cache is @Transient and also @" + name + ", which means nothing on a field "
                    + "that is not stored; remove one of the two annotations", "String cache");
        }
    }

    @Nested
    class AnAnnotation {

        @Test
        void onAGetterIsMisplaced() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public class Member {
                        @Id public Long id;
                        private String name;
                        @Column("full_name")
                        public String getName() { return name; }
                        public void setName(String name) { this.name = name; }
                    }
                    """);

            assertOneError(file, "@Column on the method getName() is not read: Grant reads @Id, @Column, "
                    + "@Transient and @ShardKey on the instance fields and record components of Member; move it "
                    + "there", "@Column(\"full_name\")");
        }

        @Test
        void onAStaticFieldIsMisplaced() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public record Member(@Id Long id) {
                        @Transient static final int LIMIT = 10;
                    }
                    """);

            assertOneError(file, "@Transient on the static field LIMIT is not read", "static final int LIMIT");
        }

        @Test
        void aColumnOnAJavaTransientFieldIsMisplaced() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public class Member {
                        @Id public Long id;
                        @Column("nick") public transient String nickname;
                    }
                    """);

            assertOneError(file, "@Column on the transient field nickname (a transient field is not stored; drop "
                    + "the keyword to store it) is not read", "public transient String nickname");
        }

        @Test
        void onAnExplicitRecordAccessorIsMisplaced() {
            JavaFileObject file = entity("Member", """
                    @GrantModel
                    public record Member(@Id Long id, String name) {
                        @Override
                        @Column("full_name")
                        public String name() { return name; }
                    }
                    """);

            assertOneError(file, "@Column on the accessor name() is not read", "@Column(\"full_name\")");
        }
    }

    @Test
    void reportsEveryErrorOfAnEntityInOneCompilation() {
        JavaFileObject file = entity("Ledger", """
                @GrantModel(table = " ")
                public class Ledger {
                    public List<String> lines;
                    private String owner;
                    public final long total = 0;
                    public String email;
                    @Column("email") public String contact;
                    private Ledger() { }
                }
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(7);
        assertThat(compilation).hadErrorContaining("table = \" \") of Ledger is blank").inFile(file)
                .onLineContaining("@GrantModel");
        assertThat(compilation).hadErrorContaining("has no accessible no-argument constructor").inFile(file)
                .onLineContaining("public class Ledger");
        assertThat(compilation).hadErrorContaining("Ledger has no @Id field").inFile(file)
                .onLineContaining("@GrantModel");
        assertThat(compilation).hadErrorContaining("Ledger.lines has type java.util.List<java.lang.String>")
                .inFile(file).onLineContaining("List<String> lines");
        assertThat(compilation).hadErrorContaining("Ledger.owner is private and has no public getter")
                .inFile(file).onLineContaining("private String owner");
        assertThat(compilation).hadErrorContaining("Ledger.total is final").inFile(file)
                .onLineContaining("long total");
        assertThat(compilation).hadErrorContaining("Ledger.contact maps to column \"email\"").inFile(file)
                .onLineContaining("String contact");
    }

    @Test
    void otherEntitiesAreStillWrittenWhenOneHasErrors() {
        JavaFileObject broken = entity("Broken", "@GrantModel\npublic record Broken(Long id) {}\n");
        JavaFileObject fine = entity("Fine", "@GrantModel\npublic record Fine(@Id Long id) {}\n");
        JavaFileObject usesFine = source("com.acme.UsesFine", """
                package com.acme;

                class UsesFine {
                    Object count = FineAsync.count();
                }
                """);

        Compilation compilation = compile(broken, fine, usesFine);

        // No "cannot find symbol FineAsync": Fine's companion was written although Broken has an error.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("Broken has no @Id").inFile(broken).onLineContaining("@GrantModel");
    }

    @Test
    void aClashingConstantIsRenamedWithANote() {
        JavaFileObject file = entity("Booking", """
                @GrantModel
                public record Booking(
                    @Id Long id,
                    String table,
                    String tableColumn) {}
                """);

        Compilation compilation = compile(file);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).hadNoteContaining("The column constant of Booking.table is BookingAsync.TABLE_COLUMN_2, "
                + "since TABLE is taken by the table metadata").inFile(file).onLineContaining("String table,");
        assertThat(Compilations.generated(compilation, "com.acme.BookingAsync"))
                .contains("StringColumn<Booking> TABLE_COLUMN_2 = StringColumn.of(Booking.class,\n            \"table\", \"table\");")
                .contains("StringColumn<Booking> TABLE_COLUMN = StringColumn.of(Booking.class,\n            \"tableColumn\",")
                .contains(".columns(ID, TABLE_COLUMN_2, TABLE_COLUMN)");
    }

    @Test
    void anExistingClassOfTheCompanionsNameIsReported() {
        JavaFileObject entity = entity("Ticket", "@GrantModel\npublic record Ticket(@Id Long id) {}\n");
        JavaFileObject existing = source("com.acme.TicketAsync", "package com.acme;\n\nclass TicketAsync {}\n");

        Compilation compilation = compile(entity, existing);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("Cannot write com.acme.TicketAsync for Ticket").inFile(entity)
                .onLineContaining("record Ticket");
    }
}
