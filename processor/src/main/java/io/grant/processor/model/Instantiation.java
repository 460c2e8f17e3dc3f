package io.grant.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/** How the generated row mapper creates an entity and puts the row's values into it. */
public sealed interface Instantiation {

    /**
     * A record: its canonical constructor, called with one argument per component, in order.
     *
     * @param arguments one per record component
     */
    record CanonicalConstructor(List<Argument> arguments) implements Instantiation {

        /** Copies the list. */
        public CanonicalConstructor {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A class: its no-argument constructor, then one write per persisted field.
     *
     * @param writes one per persisted field, in declaration order
     */
    record NoArgConstructor(List<Write> writes) implements Instantiation {

        /** Copies the list. */
        public NoArgConstructor {
            writes = List.copyOf(writes);
        }
    }

    /** One argument of a canonical constructor. */
    sealed interface Argument {}

    /**
     * The value of a column.
     *
     * @param field the persisted field
     */
    record ColumnValue(FieldModel field) implements Argument {}

    /**
     * The default value of a type ({@code null}, zero or {@code false}), for a {@code @Transient} component.
     *
     * @param type the component's type
     */
    record DefaultValue(TypeName type) implements Argument {}

    /**
     * Puts a column's value into a new instance: {@code entity.member = value} or {@code entity.member(value)}.
     *
     * @param field the persisted field
     * @param member the field, or the setter, to use
     * @param setter whether {@code member} is a setter
     */
    record Write(FieldModel field, String member, boolean setter) {}
}
