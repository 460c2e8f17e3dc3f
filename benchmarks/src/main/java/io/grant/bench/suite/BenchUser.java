package io.grant.bench.suite;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;

/**
 * A row of {@code bench_users} ({@value Schema#USERS} rows), the table of workloads 1, 3 and 5. Every peer maps
 * each row it reads into this record, Grant through the generated {@code BenchUserAsync}, the others by hand
 * ({@link Schema#user}), so that no peer skips the mapping.
 */
@GrantModel(table = "bench_users")
public record BenchUser(@Id Long id, String name, String email, int age, BigDecimal balance, boolean active) {}
