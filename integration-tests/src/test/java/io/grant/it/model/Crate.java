package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import io.grant.annotations.ShardKey;

/**
 * A record whose id is also its shard key, for the tests of writes on shards: {@code deleteById} routes by it.
 *
 * @param code the key and shard key
 * @param content what is in it
 */
@GrantModel(table = "w_crates")
public record Crate(@Id @ShardKey String code, String content) {}
