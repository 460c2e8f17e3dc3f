package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Points and local times, for the test that runs in a JVM time zone other than UTC.
 *
 * @param id the key
 * @param local a local date-time, in a {@code timestamp} column
 * @param dueOn a local date
 * @param plain an instant in a column without a time zone ({@code timestamp}, MariaDB's {@code datetime})
 * @param zoned an instant in a {@code timestamp with time zone} column (MariaDB: {@code datetime})
 */
@GrantModel(table = "tz_stamps")
public record Stamp(@Id Long id, LocalDateTime local, LocalDate dueOn, Instant plain, Instant zoned) {}
