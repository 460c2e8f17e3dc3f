package io.grant.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jooq.Converter;

/**
 * Stores an enum by its name, and reads a name back strictly: a name the enum lacks fails with an
 * {@link UnknownEnumValueException} naming the column and the value, where jOOQ's {@code EnumConverter} would return
 * {@code null} and the row would silently lose its value. Not API.
 *
 * @param <E> the enum
 */
@SuppressWarnings("serial") // Converter is Serializable by inheritance; never serialized
final class EnumNames<E extends Enum<E>> implements Converter<String, E> {

    private static final long serialVersionUID = 1L;

    private final Class<E> type;
    private final String column;
    private final Map<String, E> byName;

    /**
     * @param type the enum
     * @param column the column, as messages name it ({@code "User.mood (column 'mood')"})
     */
    EnumNames(Class<E> type, String column) {
        this.type = Objects.requireNonNull(type, "type");
        this.column = Objects.requireNonNull(column, "column");
        Map<String, E> names = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            names.put(constant.name(), constant);
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    @Override
    public E from(String name) {
        if (name == null) {
            return null;
        }
        E constant = byName.get(name);
        if (constant == null) {
            throw new UnknownEnumValueException(column + " holds '" + name + "', which enum " + describe(type)
                    + " does not have (its constants: " + String.join(", ", byName.keySet()) + "); add the "
                    + "constant to the enum, or correct the value in the database");
        }
        return constant;
    }

    @Override
    public String to(E constant) {
        return constant == null ? null : constant.name();
    }

    @Override
    public Class<String> fromType() {
        return String.class;
    }

    @Override
    public Class<E> toType() {
        return type;
    }

    /** {@code Specimen.Color} for a nested enum, {@code Mood} for a top-level one. */
    static String describe(Class<?> type) {
        String name = type.getName();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return Arrays.stream(simple.split("\\$")).collect(Collectors.joining("."));
    }

    @Override
    public String toString() {
        return "EnumNames[" + type.getName() + "]";
    }
}
