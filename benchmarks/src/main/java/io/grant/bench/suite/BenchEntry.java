package io.grant.bench.suite;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.math.BigDecimal;

/** A row of {@code bench_entries} ({@value Schema#ENTRIES} rows), the table of workload 2's aggregates. */
@GrantModel(table = "bench_entries")
public record BenchEntry(@Id Long id, long userId, BigDecimal amount, int quantity) {}
