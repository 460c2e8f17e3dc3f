/** The annotations that describe an entity to the Grant annotation processor. */
package io.grant.annotations;
