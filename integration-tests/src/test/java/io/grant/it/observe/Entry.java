package io.grant.it.observe;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;

/**
 * The model of the observability tests, on a table of their own ({@code obs_entries}): the shared servers run other
 * suites at the same time.
 *
 * @param id the key
 * @param label a label
 * @param weight a weight
 */
@GrantModel(table = "obs_entries")
public record Entry(@Id Long id, String label, int weight) {}
