package dev.kaigi.chassis.outbox;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * An event a service writes to the outbox with a statement of its own (see {@link Outbox#stage}):
 * the SQL to insert it from a data-modifying CTE's rows, and the binding of its values.
 */
public final class StagedEvent {

    private final OutboxRow row;

    StagedEvent(OutboxRow row) {
        this.row = row;
    }

    /** The event id consumers de-duplicate on ({@code ce_id}). */
    public UUID eventId() {
        return row.eventId();
    }

    /**
     * {@code insert into outbox (...) select ?, ... ?::jsonb from <source>}: the event is written
     * once per row of {@code source}, so a CTE that wrote nothing announces nothing.
     */
    public static String insertSelect(String source) {
        return OutboxStore.INSERT_INTO + " select " + OutboxStore.PLACEHOLDERS + " from " + source;
    }

    /** Binds the event's nine values from parameter {@code first} on; returns the index after them. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        return OutboxStore.bind(ps, first, row);
    }
}
