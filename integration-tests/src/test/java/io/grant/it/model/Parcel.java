package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import io.grant.annotations.ShardKey;

/**
 * A record routed to a shard by its {@code region}, for the tests of writes on shards.
 *
 * @param id the key, generated when {@code null}
 * @param region the shard key
 * @param content what is in it
 */
@GrantModel(table = "w_parcels")
public record Parcel(@Id Long id, @ShardKey String region, String content) {}
