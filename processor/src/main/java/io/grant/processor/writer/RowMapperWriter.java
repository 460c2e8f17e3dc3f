package io.grant.processor.writer;

import static io.grant.processor.ClassNames.RESULT_ROW;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.grant.processor.model.EntityModel;
import io.grant.processor.model.FieldModel;
import io.grant.processor.model.Instantiation;
import io.grant.processor.model.Instantiation.CanonicalConstructor;
import io.grant.processor.model.Instantiation.ColumnValue;
import io.grant.processor.model.Instantiation.DefaultValue;
import io.grant.processor.model.Instantiation.NoArgConstructor;
import io.grant.processor.model.Instantiation.Write;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The row mapper, written out as code: a record through its canonical constructor, a class through its
 * no-argument constructor and then its setters or fields. A primitive field reads its column with
 * {@code row.require}, which fails naming model, column and row id on a NULL.
 */
final class RowMapperWriter {

    /** The name of the mapping method, which {@code TABLE} refers to. */
    static final String METHOD = "map";

    private static final Map<TypeName, String> PRIMITIVE_DEFAULTS = Map.of(
            TypeName.BOOLEAN, "false",
            TypeName.CHAR, "'\\0'",
            TypeName.BYTE, "(byte) 0",
            TypeName.SHORT, "(short) 0",
            TypeName.INT, "0",
            TypeName.LONG, "0L",
            TypeName.FLOAT, "0F",
            TypeName.DOUBLE, "0D");

    private RowMapperWriter() {}

    /** {@code private static User map(ResultRow<User> row)}. */
    static MethodSpec mapMethod(EntityModel entity) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(METHOD)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Reads {@code row} into a new {@link $T}: how {@link #TABLE} maps rows.\n", entity.type())
                .returns(entity.type())
                .addParameter(ParameterizedTypeName.get(RESULT_ROW, entity.type()), "row");
        switch (entity.instantiation()) {
            case CanonicalConstructor constructor -> method.addStatement("return new $T($L)", entity.type(),
                    arguments(constructor));
            case NoArgConstructor constructor -> {
                method.addStatement("$T model = new $T()", entity.type(), entity.type());
                for (Write write : constructor.writes()) {
                    method.addStatement(write.setter() ? "model.$N($L)" : "model.$N = $L", write.member(),
                            value(write.field()));
                }
                method.addStatement("return model");
            }
        }
        return method.build();
    }

    private static CodeBlock arguments(CanonicalConstructor constructor) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        String separator = "\n";
        for (Instantiation.Argument argument : constructor.arguments()) {
            arguments.add(separator);
            switch (argument) {
                case ColumnValue column -> arguments.add(value(column.field()));
                case DefaultValue defaultValue -> arguments.add(defaultValue(defaultValue.type()));
            }
            separator = ",\n";
        }
        return arguments.build();
    }

    private static CodeBlock value(FieldModel field) {
        return CodeBlock.of(field.isPrimitive() ? "row.require($N)" : "row.get($N)", field.constant());
    }

    /** What a field that is not read from the row gets: what Java gives a field nobody set. */
    private static CodeBlock defaultValue(TypeName type) {
        return CodeBlock.of(type.isPrimitive() ? PRIMITIVE_DEFAULTS.get(type) : "null");
    }
}
