package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;

/**
 * Text as data, whatever it holds (quotes, semicolons, comment markers, backslashes, a megabyte, emoji).
 *
 * @param id the key
 * @param body the text
 */
@GrantModel(table = "hostile_notes")
public record Note(@Id Long id, String body) {}
