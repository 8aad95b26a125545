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

    /**
     * As {@link #insertSelect(String)}, for an event whose partition key (also its subject) and some
     * payload fields come from {@code source}'s row rather than from Java: a statement that chooses
     * the record the event is about, as the booking's does its host.
     *
     * @param keyExpression an SQL expression of {@code source}'s row giving the key as text
     * @param payloadPatch  an SQL {@code jsonb} expression of that row, merged over the payload's top-level fields
     */
    public static String insertSelect(String source, String keyExpression, String payloadPatch) {
        return OutboxStore.INSERT_INTO + " select ?, ?, " + keyExpression + ", ?, ?, " + keyExpression + ", ?, ?, ?::jsonb || "
                + payloadPatch + " from " + source;
    }

    /** Binds the seven values of {@link #insertSelect(String, String, String)} from parameter {@code first} on; returns the next index. */
    public int bindWithoutKey(PreparedStatement ps, int first) throws SQLException {
        return OutboxStore.bindWithoutKey(ps, first, row);
    }

    /** Binds the event's nine values from parameter {@code first} on; returns the index after them. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        return OutboxStore.bind(ps, first, row);
    }
}
