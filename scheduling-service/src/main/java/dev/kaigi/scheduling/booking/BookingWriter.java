package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.scheduling.eligibility.Reason;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * One attempt to give a meeting to one host, in one transaction (SCH-08, SCH-03): take the host's
 * day counter ({@code update ... set booked = booked + 1 where booked < cap}), insert the booking
 * (the exclusion constraint refuses an overlap with SQLSTATE 23P01), remember the Idempotency-Key,
 * and write {@code meeting-booked} to the outbox. A lost race rolls all of it back.
 */
@ApplicationScoped
public class BookingWriter {

    /** The host could not take the meeting after all: someone else got there first. */
    static final class LostRace extends RuntimeException {
        final transient Reason reason;

        LostRace(Reason reason) {
            super(reason.code(), null, false, false);
            this.reason = reason;
        }
    }

    /** A concurrent request with the same Idempotency-Key committed first. */
    static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency-key", null, false, false);
        }
    }

    /** What the idempotency record keeps: the key, the request's fingerprint, and how to render the answer. */
    record KeyToStore(String key, String requestHash, Function<Booking, String> response) {
    }

    @Inject
    AgroalDataSource db;
    @Inject
    Outbox outbox;
    @Inject
    BookingConfig config;

    /**
     * Books {@code b} (its host, day and zone already chosen) for {@code host}.
     *
     * @param cap the daily cap of that weekday, null = unlimited
     * @return the stored response body when a key was given, else null
     * @throws LostRace when the cap was reached or the time taken meanwhile
     * @throws KeyTaken when the same key was used concurrently
     */
    String attempt(Booking b, Integer cap, KeyToStore key) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> write(b, cap, key));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LostRace || t instanceof KeyTaken) {
                    throw (RuntimeException) t;
                }
                if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                    // PostgreSQL broke a deadlock between bookings of this host by aborting this one:
                    // another booking won the time, so this candidate is lost like any race
                    throw new LostRace(Reason.OVERLAPPING_MEETING);
                }
            }
            throw e;
        }
    }

    private String write(Booking b, Integer cap, KeyToStore key) throws SQLException {
        try (Connection c = db.getConnection()) {
            // The counter first: its row lock also queues this host-day's bookings before their
            // inserts, so two overlapping inserts never race on the exclusion constraint (which
            // would end in a deadlock, each waiting for the other's uncommitted row). Taken last,
            // the benchmark saw exactly that at 64 clients.
            takeCounter(c, b, cap);
            insert(c, b);
            String response = null;
            if (key != null) {
                response = key.response().apply(b);
                storeKey(c, b, key, response);
            }
            outbox.publish(BookingEvents.booked(b));
            return response;
        }
    }

    /**
     * SCH-03: the guarded take, in one statement: the first booking of the host-day creates the
     * row at 1 (caps are at least 1), later ones add one while {@code booked < cap}. The row lock
     * makes concurrent takes of one host-day wait for each other; a full day updates nothing.
     */
    private static void takeCounter(Connection c, Booking b, Integer cap) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into host_day (org_id, user_id, day, booked) values (?, ?, ?, 1)
                on conflict (user_id, day) do update set booked = host_day.booked + 1 where host_day.booked < ?
                """)) {
            ps.setObject(1, b.orgId);
            ps.setObject(2, b.hostUserId);
            ps.setObject(3, b.hostDay);
            ps.setInt(4, cap == null ? Integer.MAX_VALUE : cap); // null cap: unlimited
            if (ps.executeUpdate() == 0) {
                throw new LostRace(Reason.DAILY_CAP_REACHED);
            }
        }
    }

    private static void insert(Connection c, Booking b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method,
                    starts_at, ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email,
                    lead_company, lead_locale, notes, via_public_page, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?, ?, ?, ?, ?, ?)
                """)) {
            ps.setObject(1, b.id);
            ps.setObject(2, b.orgId);
            ps.setObject(3, b.hostUserId);
            ps.setObject(4, b.meetingTypeId);
            ps.setString(5, b.meetingTypeName);
            ps.setString(6, b.conferencingMethod.name());
            ps.setObject(7, b.startsAt.atOffset(ZoneOffset.UTC));
            ps.setObject(8, b.endsAt.atOffset(ZoneOffset.UTC));
            ps.setObject(9, b.blockedFrom.atOffset(ZoneOffset.UTC));
            ps.setObject(10, b.blockedTo.atOffset(ZoneOffset.UTC));
            ps.setObject(11, b.hostDay);
            ps.setString(12, b.hostTimeZone);
            ps.setString(13, b.leadName);
            ps.setString(14, b.leadEmail);
            ps.setString(15, b.leadCompany);
            ps.setString(16, b.leadLocale);
            ps.setString(17, b.notes);
            ps.setBoolean(18, b.viaPublicPage);
            ps.setObject(19, b.createdAt.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23P01".equals(e.getSQLState())) { // booking_no_overlap: another meeting took the time meanwhile
                throw new LostRace(Reason.OVERLAPPING_MEETING);
            }
            throw e;
        }
    }

    /** The key's row; one left from before the retention is taken over, a live one means a concurrent twin won. */
    private void storeKey(Connection c, Booking b, KeyToStore key, String response) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into idempotency_key (org_id, key, request_hash, booking_id, response) values (?, ?, ?, ?, ?)
                on conflict (org_id, key) do update set request_hash = excluded.request_hash, booking_id = excluded.booking_id,
                    response = excluded.response, created_at = now()
                where idempotency_key.created_at < now() - make_interval(secs => ?)
                """)) {
            ps.setObject(1, b.orgId);
            ps.setString(2, key.key());
            ps.setString(3, key.requestHash());
            ps.setObject(4, b.id);
            ps.setString(5, response);
            ps.setLong(6, config.idempotencyKeyRetention().toSeconds());
            if (ps.executeUpdate() == 0) {
                throw new KeyTaken();
            }
        }
    }
}
