package io.grant.it.fault;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;

/**
 * A row of the fault suite's table.
 *
 * @param id the key
 * @param v a number the tests change
 * @param note some text
 */
@GrantModel(table = "fault_rows")
public record FaultRow(@Id Long id, int v, String note) {}
