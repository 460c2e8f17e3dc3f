package io.grant.internal;

import io.grant.Batching;
import java.util.List;
import org.jooq.SQLDialect;

/**
 * Says which reads can run as one statement (equal keys) and writes that statement. Not API.
 */
public interface GroupKey {

    /**
     * The statements that answer {@code members} (one or more reads with this key), within the limits of
     * {@code batching}: usually one, more when the members exceed a statement's size.
     */
    List<Statement> statements(List<Pending<?>> members, Batching batching, SQLDialect dialect);
}
