/** Grant's entry point: {@link io.grant.Grant}, a database with its pool, executor and metrics. */
package io.grant;
