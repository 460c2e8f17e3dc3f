/** Grant's internals. Not API: anything here may change in any release. */
package io.grant.internal;
