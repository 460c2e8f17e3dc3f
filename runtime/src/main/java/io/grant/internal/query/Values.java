package io.grant.internal.query;

import io.grant.query.ModelTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jooq.Record;
import org.jooq.Result;

/** Small conversions the computations share. Not API. */
final class Values {

    /** The alias of the order's values in a keyed select. */
    static final String KEY_PREFIX = "grant_key_";

    /** A list read with a limit up to this many rows is small enough to share a round trip. */
    static final int SMALL_LIST = 1000;

    private Values() {}

    /** {@code raw} (a number from an aggregate) exactly, {@code null} as null. */
    static BigDecimal decimal(Object raw) {
        return switch (raw) {
            case null -> null;
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(f.toString());
            case Number n -> BigDecimal.valueOf(n.longValue());
            default -> new BigDecimal(raw.toString());
        };
    }

    /** Whether a list read of {@code spec} is small: limited to at most {@link #SMALL_LIST} rows. */
    static boolean smallWindow(QuerySpec<?> spec) {
        return spec.limit() != QuerySpec.NO_LIMIT && spec.limit() <= SMALL_LIST;
    }

    /** The rows of {@code result} as models of {@code table}. */
    static <M> List<M> models(Result<Record> result, ModelTable<M> table) {
        List<M> models = new ArrayList<>(result.size());
        for (Record record : result) {
            models.add(table.map(record));
        }
        return Collections.unmodifiableList(models);
    }
}
