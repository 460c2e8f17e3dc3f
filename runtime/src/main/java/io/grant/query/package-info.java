/**
 * Typed queries: columns ({@link io.grant.query.Column}), model metadata ({@link io.grant.query.ModelTable}),
 * and {@link io.grant.query.AsyncQuery} with its blocking twin, written with jOOQ so that every database gets
 * its own SQL.
 */
package io.grant.query;
