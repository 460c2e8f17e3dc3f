package io.grant.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grant.async.AsyncExecutionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShardResolverTest {

    private static final int KEYS = 100_000;
    private static final List<String> FOUR = List.of("s1", "s2", "s3", "s4");
    private static final List<String> FIVE = List.of("s1", "s2", "s3", "s4", "s5");

    private static List<Object> keys() {
        List<Object> keys = new ArrayList<>(KEYS);
        LongStream.rangeClosed(1, KEYS / 2).forEach(keys::add);
        for (int i = 0; i < KEYS / 2; i++) {
            keys.add(new UUID(i * 0x9E3779B97F4A7C15L, ~i).toString());
        }
        return keys;
    }

    @Test
    void addingAFifthShardToFourMovesAboutAFifthOfTheKeysAndOnlyToTheNewShard() {
        ShardResolver four = ShardResolver.hash(FOUR);
        ShardResolver five = ShardResolver.hash(FIVE);
        int moved = 0;
        for (Object key : keys()) {
            String before = four.resolve(key);
            String after = five.resolve(key);
            if (!before.equals(after)) {
                moved++;
                assertThat(after).as("a moved key goes to the new shard, never between old ones").isEqualTo("s5");
            }
        }
        assertThat(moved / (double) KEYS).as("share of keys moved").isBetween(0.19, 0.21);
    }

    @Test
    void removingAShardMovesOnlyItsOwnKeys() {
        ShardResolver five = ShardResolver.hash(FIVE);
        ShardResolver withoutS3 = ShardResolver.hash(List.of("s1", "s2", "s4", "s5"));
        for (Object key : keys()) {
            String before = five.resolve(key);
            if (!before.equals("s3")) {
                assertThat(withoutS3.resolve(key)).isEqualTo(before);
            }
        }
    }

    @Test
    void keysAreSpreadEvenly() {
        ShardResolver resolver = ShardResolver.hash(FOUR);
        Map<String, Integer> counts = new HashMap<>();
        for (Object key : keys()) {
            counts.merge(resolver.resolve(key), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(FOUR);
        counts.values().forEach(count -> assertThat(count / (double) KEYS).isBetween(0.24, 0.26));
    }

    @Test
    void theSameShardListAlwaysGivesTheSameShardWhateverItsOrder() {
        ShardResolver one = ShardResolver.hash(FOUR);
        ShardResolver again = ShardResolver.hash(new ArrayList<>(FOUR));
        ShardResolver reordered = ShardResolver.hash(List.of("s4", "s2", "s1", "s3"));
        for (Object key : keys()) {
            assertThat(again.resolve(key)).isEqualTo(one.resolve(key));
            assertThat(reordered.resolve(key)).isEqualTo(one.resolve(key));
        }
    }

    @Test
    void placementIsFixedAcrossReleasesAndReproducibleElsewhere() {
        // Where rows live must never change. These were computed independently (Python's xxhash package:
        // argmax over shards of xxh64(canonical bytes, seed = xxh64(shard name))), so they pin the hash,
        // the keys' canonical bytes and the weighting.
        ShardResolver resolver = ShardResolver.hash(FOUR);
        assertThat(resolver.resolve(1L)).isEqualTo("s3");
        assertThat(resolver.resolve(2L)).isEqualTo("s4");
        assertThat(resolver.resolve(3L)).isEqualTo("s1");
        assertThat(resolver.resolve(42)).isEqualTo("s1");
        assertThat(resolver.resolve("alice")).isEqualTo("s1");
        assertThat(resolver.resolve("bob")).isEqualTo("s2");
        assertThat(resolver.resolve(UUID.fromString("00000000-0000-0000-0000-000000000001"))).isEqualTo("s3");
    }

    @Test
    void integralKeysOfEveryTypeMapAlike() {
        ShardResolver resolver = ShardResolver.hash(FIVE);
        for (long n : new long[] {0, 1, 42, -7, 1_000_000_007L}) {
            String shard = resolver.resolve(n);
            assertThat(resolver.resolve((int) n)).isEqualTo(shard);
            assertThat(resolver.resolve(BigInteger.valueOf(n))).isEqualTo(shard);
            assertThat(resolver.resolve(new BigDecimal(n).setScale(2))).isEqualTo(shard);
        }
        assertThat(resolver.resolve((short) 12)).isEqualTo(resolver.resolve((byte) 12));
    }

    @Test
    void textEnumsUuidsAndBytesAreKeys() {
        ShardResolver resolver = ShardResolver.hash(FIVE);
        assertThat(resolver.resolve(new StringBuilder("alice"))).isEqualTo(resolver.resolve("alice"));
        assertThat(resolver.resolve(Thread.State.NEW)).isEqualTo(resolver.resolve("NEW"));
        assertThat(resolver.resolve("x".getBytes(StandardCharsets.UTF_8))).isEqualTo(resolver.resolve("x"));
        assertThat(resolver.resolve('x')).isEqualTo(resolver.resolve("x"));
        assertThat(FIVE).contains(resolver.resolve(UUID.randomUUID()));
    }

    @Test
    void keysThatCannotBeHashedAreRefusedWithAHint() {
        ShardResolver resolver = ShardResolver.hash(FOUR);
        assertThatThrownBy(() -> resolver.resolve(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double")
                .hasMessageContaining("ShardResolver.lookup");
        assertThatThrownBy(() -> resolver.resolve(new BigDecimal("1.5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolve(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolve(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    void aShardListMustBeUsable() {
        assertThatThrownBy(() -> ShardResolver.hash(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one shard");
        assertThatThrownBy(() -> ShardResolver.hash(List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is listed twice");
        assertThatThrownBy(() -> ShardResolver.hash(List.of("a", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThat(ShardResolver.hash(List.of("only")).resolve(12L)).isEqualTo("only");
        assertThat(ShardResolver.hash(FOUR)).hasToString("ShardResolver.hash[s1, s2, s3, s4]");
    }

    @Test
    void lookupAsksTheDirectoryAndRefusesKeysItDoesNotKnow() {
        Map<Object, String> directory = Map.of("acme", "eu", "globex", "us");
        ShardResolver resolver = ShardResolver.lookup(directory::get);
        assertThat(resolver.resolve("acme")).isEqualTo("eu");
        assertThatThrownBy(() -> resolver.resolve("initech"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The shard directory has no shard for key initech");
    }

    @Test
    void anAsyncResolverMadeOfASyncOneAnswersAtOnceAndFailsItsResultForBadKeys() {
        AsyncShardResolver resolver = AsyncShardResolver.of(ShardResolver.lookup(key -> "eu"));
        assertThat(resolver.resolveAsync(7L).await()).isEqualTo("eu");
        AsyncShardResolver strict = AsyncShardResolver.of(ShardResolver.hash(FOUR));
        assertThatThrownBy(() -> strict.resolveAsync(2.5).await())
                .isInstanceOf(AsyncExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
