package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.outbox.StagedEvent;
import dev.kaigi.scheduling.eligibility.Reason;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * One attempt to give a meeting to one host (SCH-08, SCH-03), as one statement: take the host's
 * day counter ({@code insert ... on conflict do update set booked = booked + 1 where booked < cap}),
 * insert the booking (the exclusion constraint refuses an overlap with SQLSTATE 23P01), remember
 * the Idempotency-Key (its primary key refuses a key already used with 23505), write
 * {@code meeting-booked} to the outbox, and note when the host was last given a meeting (the fair
 * choice's second rule, V6). Each step inserts from the rows of the one before, so a
 * full day books and announces nothing, and a lost race or a used key aborts all of it.
 * <p>
 * This is the booking's hot path, so it is plain JDBC, and one round trip: a single statement is
 * its own transaction in auto-commit, so it needs no BEGIN, no COMMIT and no JTA (the benchmark's
 * profile showed the JTA transaction as a seventh of the service's CPU, and every round trip costs
 * PostgreSQL a wake-up on a machine where the two of them share the cores).
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

    /** The Idempotency-Key is in use: by an earlier request, a concurrent twin, or one past its retention. */
    static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency-key", null, false, false);
        }
    }

    /** What the idempotency record keeps: the key, the request's fingerprint, and how to render the answer. */
    record KeyToStore(String key, String requestHash, Function<Booking, String> response) {
    }

    /*
     * The counter first: its row lock also queues this host-day's bookings before their inserts,
     * so two overlapping inserts never race on the exclusion constraint (which would end in a
     * deadlock, each waiting for the other's uncommitted row); taken last, the benchmark saw
     * exactly that at 64 clients. The booking inserts from the counter's row, so it waits for it.
     */
    private static final String TAKE_AND_INSERT = """
            with counter as (
                insert into host_day (org_id, user_id, day, booked) values (?, ?, ?, 1)
                on conflict (user_id, day) do update set booked = host_day.booked + 1 where host_day.booked < ?
                returning 1
            ), booked as (
                insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method,
                    starts_at, ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email,
                    lead_company, lead_locale, notes, via_public_page, created_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'BOOKED', ?, ?, ?, ?, ?, ?, ? from counter
                returning 1
            ), announced as (
                %s
                returning 1
            )""".formatted(StagedEvent.insertSelect("booked"));

    /**
     * Taken after the counter, like everything here: bookings of one host on two days meet at this
     * row in the same order, so they queue and never deadlock.
     */
    private static final String NOTE_LAST_BOOKED = """
            , noted as (
                insert into host_last_booked (user_id, booked_at) select ?, ? from booked
                on conflict (user_id) do update set booked_at = greatest(host_last_booked.booked_at, excluded.booked_at)
                returning 1
            )""";

    /** The key's row from the booking's: a plain insert, so a key in use aborts the statement (23505 on its primary key). */
    private static final String REMEMBER_KEY = """
            , remembered as (
                insert into idempotency_key (org_id, key, request_hash, booking_id, response) select ?, ?, ?, ?, ? from booked
                returning 1
            )""";

    private static final String KEY_IN_USE = "idempotency_key_pkey";

    /** Whether the counter was taken; the other steps run to completion though nothing reads them (PostgreSQL's rule for data-modifying WITH). */
    private static final String RESULT = "\nselect count(*) from counter";
    private static final String WITHOUT_KEY = TAKE_AND_INSERT + NOTE_LAST_BOOKED + RESULT;
    private static final String WITH_KEY = TAKE_AND_INSERT + NOTE_LAST_BOOKED + REMEMBER_KEY + RESULT;

    @Inject
    AgroalDataSource db;
    @Inject
    Outbox outbox;

    /**
     * Books {@code b} (its host, day and zone already chosen) for {@code host}.
     *
     * @param cap the daily cap of that weekday, null = unlimited
     * @return the stored response body when a key was given, else null
     * @throws LostRace when the cap was reached or the time taken meanwhile
     * @throws KeyTaken when the key is in use: answered before, by a concurrent twin, or past its retention but not yet pruned
     */
    String attempt(Booking b, Integer cap, KeyToStore key) {
        String response = key == null ? null : key.response().apply(b);
        StagedEvent event = outbox.stage(BookingEvents.booked(b));
        try (Connection c = db.getConnection()) {
            write(c, b, cap, key, response, event);
        } catch (SQLException e) {
            throw refusal(e, b);
        }
        outbox.committed();
        return response;
    }

    /** What a failed booking statement means: a race lost to another booking, a key in use, or a fault. */
    static RuntimeException refusal(SQLException e, Booking b) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                return new LostRace(Reason.OVERLAPPING_MEETING); // booking_no_overlap: another meeting took the time meanwhile
            }
            if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                // PostgreSQL broke a deadlock between bookings of this host by aborting this one:
                // another booking won the time, so this candidate is lost like any race
                return new LostRace(Reason.OVERLAPPING_MEETING);
            }
            if (t instanceof PSQLException pg && "23505".equals(pg.getSQLState()) && pg.getServerErrorMessage() != null
                    && KEY_IN_USE.equals(pg.getServerErrorMessage().getConstraint())) {
                return new KeyTaken();
            }
        }
        return new IllegalStateException("booking " + b.id, e);
    }

    /** The statement, in auto-commit: it is its own transaction, and when it fails it wrote nothing. */
    private void write(Connection c, Booking b, Integer cap, KeyToStore key, String response, StagedEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(key == null ? WITHOUT_KEY : WITH_KEY)) {
            int i = bindBooking(ps, b, cap == null ? Integer.MAX_VALUE : cap); // null cap: unlimited
            i = event.bind(ps, i);
            ps.setObject(i++, b.hostUserId);
            ps.setObject(i++, b.createdAt.atOffset(ZoneOffset.UTC));
            if (key != null) {
                bindKey(ps, i, b, key, response);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new LostRace(Reason.DAILY_CAP_REACHED); // SCH-03: the day was full; nothing was written
                }
            }
        }
    }

    /** The Idempotency-Key's five parameters (REMEMBER_KEY's); returns the next index. */
    static int bindKey(PreparedStatement ps, int i, Booking b, KeyToStore key, String response) throws SQLException {
        ps.setObject(i++, b.orgId);
        ps.setString(i++, key.key());
        ps.setString(i++, key.requestHash());
        ps.setObject(i++, b.id);
        ps.setString(i++, response);
        return i;
    }

    /** The counter's four parameters and the booking's eighteen; returns the next parameter's index. */
    private static int bindBooking(PreparedStatement ps, Booking b, int cap) throws SQLException {
        ps.setObject(1, b.orgId);
        ps.setObject(2, b.hostUserId);
        ps.setObject(3, b.hostDay);
        ps.setInt(4, cap);
        ps.setObject(5, b.id);
        ps.setObject(6, b.orgId);
        ps.setObject(7, b.hostUserId);
        ps.setObject(8, b.meetingTypeId);
        ps.setString(9, b.meetingTypeName);
        ps.setString(10, b.conferencingMethod.name());
        ps.setObject(11, b.startsAt.atOffset(ZoneOffset.UTC));
        ps.setObject(12, b.endsAt.atOffset(ZoneOffset.UTC));
        ps.setObject(13, b.blockedFrom.atOffset(ZoneOffset.UTC));
        ps.setObject(14, b.blockedTo.atOffset(ZoneOffset.UTC));
        ps.setObject(15, b.hostDay);
        ps.setString(16, b.hostTimeZone);
        ps.setString(17, b.leadName);
        ps.setString(18, b.leadEmail);
        ps.setString(19, b.leadCompany);
        ps.setString(20, b.leadLocale);
        ps.setString(21, b.notes);
        ps.setBoolean(22, b.viaPublicPage);
        ps.setObject(23, b.createdAt.atOffset(ZoneOffset.UTC));
        return 24;
    }
}
