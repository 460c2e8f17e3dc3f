/** Shards: registering them, routing operations to them, and running a query on all of them at once. */
package io.grant.shard;
