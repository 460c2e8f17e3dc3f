/**
 * What a database does when things go wrong: {@link io.grant.policy.RetryPolicy retries} of transient failures, a
 * {@link io.grant.policy.BreakerPolicy circuit breaker} that fails fast while a database is down, and its
 * {@link io.grant.policy.Health health}. Built on Resilience4j.
 */
package io.grant.policy;
