package io.grant.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Renders the SQL of a statement shape once and reuses it: the hot path costs what a hand-written call costs.
 *
 * <p>A statement with a {@linkplain Statement#shapeKey() shape key} renders the same SQL as every other statement of
 * that shape, with other values bound. The first time a shape is seen, jOOQ renders it and collects its bind
 * parameters; the SQL, the rows' fields and the parameters' types are kept. From then on:
 * <ul>
 *   <li>if the statement can say its own values ({@link Statement#values()}), and they were <em>proven</em> to be
 *       the parameters jOOQ binds, in jOOQ's order, followed only by constants of the shape (a limit, an offset), no
 *       jOOQ query is built or traversed at all: the values are bound with the kept types;
 *   <li>otherwise the jOOQ query is built and its parameters collected (a traversal), but not rendered.
 * </ul>
 * The proof is taken on an instance whose sources are all distinct (from each other and from the constants): a value
 * may appear twice where the statement binds one source twice by construction, but two sources that happen to be
 * equal would let an order look right that is not, so such an instance proves nothing. Not API.
 */
final class ShapeCache {

    /** At most this many shapes are kept (an application has a few hundred). */
    private static final int MAX_SHAPES = 10_000;

    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

    /** A statement ready to send: its SQL, its bind parameters in order, and the fields its rows are read with. */
    record Prepared(String sql, List<Param<?>> params, Field<?>[] fields) {}

    /**
     * What is kept of a shape.
     *
     * @param sql the rendered SQL
     * @param fields the fields rows are read with
     * @param types the data type of each bind parameter, in order
     * @param constants the parameters after the statement's own values (a limit, an offset), or {@code null} when the
     *     statement's values have not been proven to be the leading parameters
     */
    private record Entry(String sql, Field<?>[] fields, List<DataType<?>> types, List<Object> constants) {}

    /** {@code statement} ready to run on {@code dsl}; {@code variant} tells apart renderings of one shape (quoting). */
    Prepared prepare(Statement statement, DSLContext dsl, Object variant) {
        Object shape = statement.shapeKey();
        if (shape == null) {
            ResultQuery<Record> query = statement.query(dsl);
            return new Prepared(dsl.render(query), parameters(query), query.fields());
        }
        Object key = List.of(shape, variant);
        Entry entry = entries.get(key);
        if (entry != null && entry.constants() != null) {
            List<Object> values = statement.values();
            if (values != null && values.size() + entry.constants().size() == entry.types().size()) {
                return new Prepared(entry.sql(), typed(values, entry), entry.fields());
            }
        }
        ResultQuery<Record> query = statement.query(dsl);
        List<Param<?>> params = parameters(query);
        if (entry == null || entry.constants() == null) {
            Entry learnt = learn(statement, entry == null ? dsl.render(query) : entry.sql(), query, params);
            if (learnt != null && (entry == null || learnt.constants() != null) && entries.size() < MAX_SHAPES) {
                entries.put(key, learnt);
            }
            return new Prepared(learnt == null ? dsl.render(query) : learnt.sql(), params, query.fields());
        }
        return new Prepared(entry.sql(), params, query.fields());
    }

    /** What to keep of a shape first seen as {@code query}; {@code null} if nothing can be kept. */
    private static Entry learn(Statement statement, String sql, ResultQuery<Record> query, List<Param<?>> params) {
        if (params.size() > 1_000) {
            return null; // jOOQ may inline values past a limit of bind parameters: the SQL would not be the shape's
        }
        List<DataType<?>> types = new ArrayList<>(params.size());
        for (Param<?> param : params) {
            types.add(param.getDataType());
        }
        List<Object> constants = constants(statement, params);
        return new Entry(sql, query.fields(), List.copyOf(types), constants);
    }

    /**
     * The parameters after the statement's own values, if the statement's values are proven to lead the parameters:
     * equal to them, in order, with sources all distinct, and followed only by the shape's constants, none equal to
     * a value.
     */
    private static List<Object> constants(Statement statement, List<Param<?>> params) {
        List<Object> values = statement.values();
        List<Object> sources = statement.sources();
        if (values == null || sources == null || values.size() > params.size()) {
            return null;
        }
        Set<Object> distinct = new HashSet<>();
        for (Object source : sources) {
            if (source == null || !distinct.add(source)) {
                return null;
            }
        }
        for (int i = 0; i < values.size(); i++) {
            if (!distinct.contains(values.get(i)) || !Objects.equals(values.get(i), params.get(i).getValue())) {
                return null;
            }
        }
        List<Object> constants = new ArrayList<>();
        Set<Object> allowed = statement.constants();
        for (int i = values.size(); i < params.size(); i++) {
            Object constant = params.get(i).getValue();
            if (constant == null || !allowed.contains(constant) || distinct.contains(constant)) {
                return null;
            }
            constants.add(constant);
        }
        return List.copyOf(constants);
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // each value is of the type its parameter had when the shape was learnt
    private static List<Param<?>> typed(List<Object> values, Entry entry) {
        List<Param<?>> params = new ArrayList<>(entry.types().size());
        int i = 0;
        for (Object value : values) {
            params.add(DSL.val(value, (DataType) entry.types().get(i++)));
        }
        for (Object constant : entry.constants()) {
            params.add(DSL.val(constant, (DataType) entry.types().get(i++)));
        }
        return params;
    }

    /** The bind parameters of {@code query}, in the order of their markers. */
    static List<Param<?>> parameters(ResultQuery<Record> query) {
        List<Param<?>> params = new ArrayList<>();
        for (Param<?> param : query.getParams().values()) {
            if (!param.isInline()) {
                params.add(param);
            }
        }
        return params;
    }
}
