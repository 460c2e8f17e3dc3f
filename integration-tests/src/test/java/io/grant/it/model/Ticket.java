package io.grant.it.model;

import io.grant.annotations.GrantModel;
import io.grant.annotations.Id;
import io.grant.annotations.Transient;
import java.time.Instant;

/**
 * A record written by the write tests: a generated id (identity, serial or auto_increment), columns with database
 * defaults ({@code status}, {@code priority}, {@code opened_at}), a {@code not null} column without one
 * ({@code title}, at most 20 characters), a primitive, an enum, and a {@code @Transient} component.
 *
 * @param id the key, generated when {@code null}
 * @param title at most 20 characters, never {@code null}
 * @param status defaults to {@code 'open'}
 * @param priority defaults to 3
 * @param urgent whether it is urgent
 * @param openedAt defaults to the time of the insert
 * @param mood an enum stored by name
 * @param note not stored
 */
@GrantModel(table = "w_tickets")
public record Ticket(@Id Long id, String title, String status, Integer priority, boolean urgent, Instant openedAt,
        Mood mood, @Transient String note) {

    /** A ticket as written: no id, no defaults, no note. */
    public static Ticket of(String title) {
        return new Ticket(null, title, null, null, false, null, null, null);
    }

    /** This ticket with {@code id}. */
    public Ticket withId(Long id) {
        return new Ticket(id, title, status, priority, urgent, openedAt, mood, note);
    }

    /** This ticket with {@code status}. */
    public Ticket withStatus(String status) {
        return new Ticket(id, title, status, priority, urgent, openedAt, mood, note);
    }

    /** How the reporter felt. */
    public enum Mood {
        /** Calm. */
        CALM,
        /** Angry. */
        ANGRY
    }
}
