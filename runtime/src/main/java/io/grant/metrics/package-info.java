/** What Grant's operations did: {@link io.grant.metrics.AsyncMetrics}, and a Micrometer binder for it. */
package io.grant.metrics;
