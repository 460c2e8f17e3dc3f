package io.grant.bench.suite;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;

/**
 * A row of {@code bench_inserts}, the table of workload 8, which every run fills with 100,000 of them; its id is
 * generated ({@code bigserial}), so the rows are written without one.
 */
@GrantModel(table = "bench_inserts")
public record BenchInsert(@Id Long id, String name, String email, int age, BigDecimal balance, boolean active) {}
