package io.grant.processor.diag;

import javax.tools.Diagnostic;

/**
 * Everything the processor can tell a user, in one place. Each error says what is wrong and how to fix it;
 * the arguments are filled in with {@link String#format}.
 */
public enum Message {

    /** On an interface, enum or annotation type. */
    NOT_A_CLASS("@GrantModel %s is %s; put @GrantModel on a record or a class"),
    /** On an abstract class. */
    ABSTRACT_CLASS("@GrantModel class %s is abstract, so Grant cannot create it from a row; make it concrete"),
    /** On a type with type parameters. */
    GENERIC_TYPE("@GrantModel %s declares type parameters <%s>, but an entity's columns need fixed types; "
            + "remove the type parameters"),
    /** On an inner class. */
    INNER_CLASS("@GrantModel class %s is an inner class, which needs an outer instance to be created; "
            + "declare it static"),
    /** On a private type, or one nested in a private type. */
    PRIVATE_TYPE("@GrantModel %s is private (or nested in a private type), so its generated companion cannot "
            + "use it; make it package-private or public"),
    /** On a class that cannot be created by the generated mapper. */
    NO_NO_ARG_CONSTRUCTOR("@GrantModel class %s has no accessible no-argument constructor, which Grant needs to "
            + "create it from a row; add a public no-argument constructor, or make it a record"),
    /** On {@code table = "  "}. */
    BLANK_TABLE("@GrantModel(table = \"%s\") of %s is blank; name the table, or leave table out to use \"%s\""),
    /** On {@code connection = "  "}. */
    BLANK_CONNECTION("@GrantModel(connection = \"%s\") of %s is blank; name a registered Grant, or leave "
            + "connection out to use the default database"),
    /** On a type without {@code @Id}. */
    NO_ID("@GrantModel %s has no @Id field; mark its primary key with @Id"),
    /** On every {@code @Id} after the first. */
    DUPLICATE_ID("%s.%s is a second @Id (the first is %s), but a model has exactly one primary key; "
            + "remove @Id from one of them"),
    /** On an {@code @Id} of a type that cannot be a key. */
    UNSUPPORTED_ID_TYPE("@Id %s.%s has type %s; an @Id must be a Long, long, Integer, int, String or UUID"),
    /** On a field whose type has no column type. */
    UNSUPPORTED_TYPE("%s.%s has type %s, which Grant cannot store in a column; use String, boolean, byte, short, "
            + "int, long, float, double (or their boxes), BigDecimal, BigInteger, UUID, LocalDate, LocalTime, "
            + "LocalDateTime, OffsetDateTime, Instant, byte[] or an enum, or mark the field @Transient"),
    /** On every {@code @ShardKey} after the first. */
    DUPLICATE_SHARD_KEY("%s.%s is a second @ShardKey (the first is %s), but rows are routed by one field; "
            + "remove @ShardKey from one of them"),
    /** On a field that is both {@code @Transient} and a column annotation. */
    TRANSIENT_CONFLICT("%s.%s is @Transient and also @%s, which means nothing on a field that is not stored; "
            + "remove one of the two annotations"),
    /** On {@code @Column("  ")}. */
    BLANK_COLUMN("@Column(\"%s\") on %s.%s is blank; name the column, or remove @Column to use \"%s\""),
    /** On the second of two fields with the same column name. */
    DUPLICATE_COLUMN("%s.%s maps to column \"%s\", and so does %s; give one of them another name with "
            + "@Column(\"...\")"),
    /** On a class's private field without a getter. */
    NO_GETTER("%s.%s is private and has no public getter %s(); add one, or make the field public"),
    /** On a class's private field without a setter. */
    NO_SETTER("%s.%s is private and has no public setter %s(%s); add one, or make the field public"),
    /** On a class's private field with neither getter nor setter. */
    NO_ACCESSORS("%s.%s is private and has no public getter %s() or setter %s(%s); add both, or make the field "
            + "public"),
    /** On a class's final field, which cannot be set after construction. */
    FINAL_FIELD("%s.%s is final, but a class entity is filled in after its no-argument constructor runs; "
            + "remove final, mark the field @Transient, or make %s a record"),
    /** On a Grant annotation that sits where it is not read. */
    MISPLACED_ANNOTATION("@%s on %s is not read: Grant reads @Id, @Column, @Transient and @ShardKey on the "
            + "instance fields and record components of %s; move it there"),
    /** A column constant renamed to avoid a clash with a generated member. */
    CONSTANT_RENAMED(Diagnostic.Kind.NOTE, "The column constant of %s.%s is %s.%s, since %s is taken by %s"),
    /** A bug: an exception escaped while processing a type. */
    UNEXPECTED_FAILURE("grant-processor failed on %s; this is a bug in Grant, please report it with this trace: "
            + "%s"),
    /** The companion could not be written, e.g. because a type of that name already exists. */
    WRITE_FAILED("Cannot write %s for %s: %s; rename or remove the existing %s");

    private final Diagnostic.Kind kind;
    private final String format;

    Message(String format) {
        this(Diagnostic.Kind.ERROR, format);
    }

    Message(Diagnostic.Kind kind, String format) {
        this.kind = kind;
        this.format = format;
    }

    /** Whether this is an error, a warning or a note. */
    public Diagnostic.Kind kind() {
        return kind;
    }

    /** The text of this message with {@code arguments} filled in. */
    public String format(Object... arguments) {
        return String.format(format, arguments);
    }
}
