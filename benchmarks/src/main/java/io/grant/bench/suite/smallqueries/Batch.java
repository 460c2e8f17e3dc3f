package io.grant.bench.suite.smallqueries;

import io.grant.bench.suite.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The parameters of one set of ten small queries, drawn at random; about half of the name and e-mail lookups
 * find nobody, as real lookups sometimes do.
 */
record Batch(int age, long id, String name, String email, int maxAge, long pickId, int firstAge, int pluckAge,
        long rangeStart, List<Long> ids) {

    /** Ten queries' worth of results of one batch, in the order of the queries. */
    static final int QUERIES = 10;

    /** {@code count} batches, the same for every peer of one round ({@code seed}). */
    static Batch[] draw(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Batch[] batches = new Batch[count];
        for (int i = 0; i < count; i++) {
            batches[i] = new Batch(age(random), id(random), "user-" + (1 + random.nextInt(2 * Schema.USERS)),
                    "user" + (1 + random.nextInt(2 * Schema.USERS)) + "@example.com", age(random), id(random),
                    age(random), age(random), id(random), List.of(id(random), id(random), id(random), id(random),
                            id(random)));
        }
        return batches;
    }

    private static int age(SplittableRandom random) {
        return 18 + random.nextInt(63);
    }

    private static long id(SplittableRandom random) {
        return 1 + random.nextInt(Schema.USERS);
    }

    /** Whether two peers' results are the same: numbers compared by value whatever their scale, lists item by item. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
