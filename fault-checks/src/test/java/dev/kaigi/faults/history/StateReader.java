package dev.kaigi.faults.history;

import dev.kaigi.faults.history.FinalState.AssignmentRow;
import dev.kaigi.faults.history.FinalState.BookingRow;
import dev.kaigi.faults.history.FinalState.EventFlow;
import dev.kaigi.faults.history.FinalState.HostDay;
import dev.kaigi.faults.history.FinalState.OutboxRow;
import dev.kaigi.faults.history.FinalState.PoolRow;
import dev.kaigi.faults.stack.MailSink;
import dev.kaigi.faults.stack.Stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads the final state of the organization's rows, the outboxes and the consumers' inboxes. */
final class StateReader {

    static final String MEETING_BOOKED = "kaigi.scheduling.meeting-booked.v1";
    /** The booking events integration-service applies and mails the lead about (MTG-01, MTG-06). */
    static final List<String> LEAD_MAILED = List.of(MEETING_BOOKED, "kaigi.scheduling.meeting-cancelled.v1",
            "kaigi.scheduling.meeting-rescheduled.v1", "kaigi.scheduling.meeting-reassigned.v1");
    static final String SEAT_RELEASED = "kaigi.licensing.seat-released.v1";

    private StateReader() {
    }

    static FinalState read(UUID orgId, int dailyCap, Set<UUID> assignmentsBefore, MailSink mail, List<String> leadsOfFailedBookings)
            throws SQLException {
        try (Connection sch = Stack.db(Stack.SCHEDULING_DB); Connection lic = Stack.db(Stack.LICENSING_DB);
             Connection integration = Stack.db(Stack.INTEGRATION_DB); Connection users = Stack.db(Stack.USER_DB)) {
            List<BookingRow> bookings = new ArrayList<>();
            query(sch, "select id, host_user_id, host_day, starts_at, blocked_from, blocked_to, status, lead_email from booking "
                            + "where org_id = ?",
                    orgId, rs -> bookings.add(new BookingRow(uuid(rs, 1), uuid(rs, 2), rs.getDate(3).toLocalDate(),
                            rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                            "BOOKED".equals(rs.getString(7)), rs.getString(8))));
            Map<HostDay, Integer> counters = new HashMap<>();
            query(sch, "select user_id, day, booked from host_day where org_id = ?", orgId,
                    rs -> counters.put(new HostDay(uuid(rs, 1), rs.getDate(2).toLocalDate()), rs.getInt(3)));
            Map<String, UUID> keys = new HashMap<>();
            query(sch, "select key, booking_id from idempotency_key where org_id = ?", orgId, rs -> keys.put(rs.getString(1), uuid(rs, 2)));
            List<AssignmentRow> assignments = new ArrayList<>();
            query(lic, "select id, user_id, pool from seat_assignment where org_id = ?", orgId,
                    rs -> assignments.add(new AssignmentRow(uuid(rs, 1), uuid(rs, 2), rs.getString(3))));
            List<PoolRow> pools = new ArrayList<>();
            query(lic, "select pool, purchased, assigned from seat_pool where org_id = ?", orgId,
                    rs -> pools.add(new PoolRow(rs.getString(1), rs.getInt(2), rs.getInt(3))));
            List<EventFlow> flows = List.of(
                    flow("scheduling-service", sch, "integration-service", integration, "kaigi.scheduling.v1", LEAD_MAILED),
                    flow("licensing-service", lic, "user-service", users, "kaigi.licensing.v1", List.of(SEAT_RELEASED)));
            Map<String, Integer> mails = new HashMap<>();
            bookings.forEach(b -> mails.put(b.leadEmail(), mail.deliveredTo(b.leadEmail())));
            leadsOfFailedBookings.forEach(lead -> mails.put(lead, mail.deliveredTo(lead)));
            Map<String, Integer> events = new HashMap<>();
            query(sch, "select payload->>'leadEmail', count(*) from outbox where org_id = ? and event_type in (" + quoted(LEAD_MAILED)
                    + ") group by 1", orgId, rs -> events.put(rs.getString(1), rs.getInt(2)));
            return new FinalState(bookings, counters, dailyCap, keys, assignments, pools, assignmentsBefore, flows, mails, events);
        }
    }

    static Set<UUID> assignmentIds(UUID orgId) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection lic = Stack.db(Stack.LICENSING_DB)) {
            query(lic, "select id from seat_assignment where org_id = ?", orgId, rs -> ids.add(uuid(rs, 1)));
        }
        return ids;
    }

    /** Unsent outbox rows of scheduling-service and licensing-service (all organizations). */
    static int unsent() throws SQLException {
        int n = 0;
        for (String db : List.of(Stack.SCHEDULING_DB, Stack.LICENSING_DB)) {
            try (Connection c = Stack.db(db); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from outbox where sent_at is null")) {
                rs.next();
                n += rs.getInt(1);
            }
        }
        return n;
    }

    /** The whole outbox (every organization: the consumers' inboxes hold every organization's events too). */
    private static EventFlow flow(String producer, Connection producerDb, String consumer, Connection consumerDb, String topic,
                                  List<String> handledTypes) throws SQLException {
        List<OutboxRow> outbox = new ArrayList<>();
        query(producerDb, "select event_id, event_type, sent_at is not null from outbox where topic = ?", topic,
                rs -> outbox.add(new OutboxRow(uuid(rs, 1), rs.getString(2), rs.getBoolean(3))));
        Set<UUID> inbox = new HashSet<>();
        // the consumer service's own consumer group (partner webhooks' group claims some of the events too)
        query(consumerDb, "select event_id from inbox where consumer = 'main' and topic = ? and event_type in ("
                + quoted(handledTypes) + ")", topic, rs -> inbox.add(uuid(rs, 1)));
        return new EventFlow(producer, consumer, Set.copyOf(handledTypes), outbox, inbox);
    }

    /** Event type names (constants here) as an SQL list. */
    private static String quoted(List<String> types) {
        return String.join(", ", types.stream().map(t -> "'" + t + "'").toList());
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Object param, RowReader reader) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
