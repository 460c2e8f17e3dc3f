package io.grant.processor.writer;

import static io.grant.processor.ClassNames.ROW_VALUES;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import io.grant.processor.model.EntityModel;
import io.grant.processor.model.FieldRead;
import javax.lang.model.element.Modifier;

/**
 * The reverse of the row mapper, written out as code: puts the value of every column of an instance into a
 * {@code RowValues}, through a record's accessors, or a class's getters and (where it has none) fields. What
 * {@code insert}, {@code insertAll}, {@code save} and {@code upsert} write; no reflection.
 */
final class ValuesWriter {

    /** The name of the method, which {@code TABLE} refers to. */
    static final String METHOD = "values";

    private ValuesWriter() {}

    /** {@code private static void values(User row, RowValues<User> values)}. */
    static MethodSpec valuesMethod(EntityModel entity) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(METHOD)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addJavadoc("Puts the column values of {@code row} into {@code values}: what {@link #TABLE} writes.\n")
                .addParameter(entity.type(), "row")
                .addParameter(ParameterizedTypeName.get(ROW_VALUES, entity.type()), "values");
        for (FieldRead read : entity.reads()) {
            method.addStatement(read.call() ? "values.set($N, row.$N())" : "values.set($N, row.$N)",
                    read.field().constant(), read.member());
        }
        return method.build();
    }
}
