package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;

/**
 * Money in a purse, moved between purses by the transaction tests.
 *
 * @param id the key, chosen by the tests
 * @param owner who owns it
 * @param balance in cents
 */
@GrantModel(table = "tx_purses")
public record Purse(@Id Long id, String owner, long balance) {}
