package io.grant.processor.writer;

import static io.grant.processor.ClassNames.BOOLEAN_COLUMN;
import static io.grant.processor.ClassNames.COLUMN;
import static io.grant.processor.ClassNames.NUMERIC_COLUMN;
import static io.grant.processor.ClassNames.STRING_COLUMN;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.grant.processor.model.ColumnKind;
import io.grant.processor.model.EntityModel;
import io.grant.processor.model.FieldModel;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The column constant of a field: the most specific column type the runtime has for it ({@code StringColumn},
 * {@code BooleanColumn}, {@code NumericColumn} with its sum type, or plain {@code Column}).
 */
final class ColumnConstants {

    private ColumnConstants() {}

    /** {@code public static final StringColumn<User> NAME = StringColumn.of(User.class, "name", "name");}. */
    static FieldSpec constant(EntityModel entity, FieldModel field) {
        ClassName model = entity.type();
        TypeName value = field.valueType();
        CodeBlock common = CodeBlock.of("$T.class,$W$S,$W$S", model, field.name(), field.column());
        TypeName type;
        CodeBlock initializer;
        Optional<ColumnKind> sum = field.kind().sumKind();
        if (field.kind() == ColumnKind.STRING) {
            type = ParameterizedTypeName.get(STRING_COLUMN, model);
            initializer = CodeBlock.of("$T.of($L)", STRING_COLUMN, common);
        } else if (field.kind() == ColumnKind.BOOLEAN) {
            type = ParameterizedTypeName.get(BOOLEAN_COLUMN, model);
            initializer = CodeBlock.of("$T.of($L)", BOOLEAN_COLUMN, common);
        } else if (sum.isPresent()) {
            ClassName sumType = ClassName.bestGuess(sum.get().typeName());
            type = ParameterizedTypeName.get(NUMERIC_COLUMN, model, value, sumType);
            initializer = CodeBlock.of("$T.of($L,$W$T.class,$W$T.class)", NUMERIC_COLUMN, common, value, sumType);
        } else {
            type = ParameterizedTypeName.get(COLUMN, model, value);
            initializer = CodeBlock.of("$T.of($L,$W$T.class)", COLUMN, common, value);
        }
        return FieldSpec.builder(type, field.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(javadoc(entity, field))
                .initializer(initializer)
                .build();
    }

    private static CodeBlock javadoc(EntityModel entity, FieldModel field) {
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("Column {@code $L}: field {@code $L} of {@link $T}", field.column(), field.name(), entity.type());
        if (field.id()) {
            doc.add(", the primary key");
        }
        if (field.shardKey()) {
            doc.add(", the shard key");
        }
        doc.add(".\n");
        if (field.isPrimitive()) {
            doc.add("\n<p>The field is a primitive {@code $T}: a NULL in this column fails the row's mapping.\n",
                    field.type());
        }
        return doc.build();
    }
}
