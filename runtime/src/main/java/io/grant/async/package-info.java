/**
 * Results of operations running on virtual threads ({@link io.grant.async.AsyncResult}), and the two ways
 * of coordinating many of them: {@link io.grant.async.AsyncCoordinator} (a wait group) and
 * {@link io.grant.async.AsyncScope} (structured concurrency).
 */
package io.grant.async;
