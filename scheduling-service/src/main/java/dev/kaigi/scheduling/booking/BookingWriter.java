package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.outbox.StagedEvent;
import dev.kaigi.scheduling.eligibility.Reason;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * One attempt to give a meeting to one host (SCH-08, SCH-03), as one statement in one transaction:
 * take the host's day counter ({@code insert ... on conflict do update set booked = booked + 1
 * where booked < cap}), insert the booking (the exclusion constraint refuses an overlap with
 * SQLSTATE 23P01), remember the Idempotency-Key, and write {@code meeting-booked} to the outbox.
 * Each step inserts from the rows of the one before, so a full day books and announces nothing,
 * and a lost race rolls all of it back.
 * <p>
 * This is the booking's hot path, so it is plain JDBC in a local transaction rather than JTA, and
 * one round trip plus the commit: the benchmark's profile showed the JTA transaction as a seventh
 * of the service's CPU and the four statements' round trips as PostgreSQL's.
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

    /** The key's row from the booking's; one left from before the retention is taken over, a live one means a concurrent twin won. */
    private static final String REMEMBER_KEY = """
            , remembered as (
                insert into idempotency_key (org_id, key, request_hash, booking_id, response) select ?, ?, ?, ?, ? from booked
                on conflict (org_id, key) do update set request_hash = excluded.request_hash, booking_id = excluded.booking_id,
                    response = excluded.response, created_at = now()
                where idempotency_key.created_at < now() - make_interval(secs => ?)
                returning 1
            )""";

    private static final String WITHOUT_KEY = TAKE_AND_INSERT
            + "\nselect (select count(*) from counter), (select count(*) from booked), 1";
    private static final String WITH_KEY = TAKE_AND_INSERT + REMEMBER_KEY
            + "\nselect (select count(*) from counter), (select count(*) from booked), (select count(*) from remembered)";

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
        String response = key == null ? null : key.response().apply(b);
        StagedEvent event = outbox.stage(BookingEvents.booked(b));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                write(c, b, cap, key, response, event);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                    throw new LostRace(Reason.OVERLAPPING_MEETING); // booking_no_overlap: another meeting took the time meanwhile
                }
                if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                    // PostgreSQL broke a deadlock between bookings of this host by aborting this one:
                    // another booking won the time, so this candidate is lost like any race
                    throw new LostRace(Reason.OVERLAPPING_MEETING);
                }
            }
            throw new IllegalStateException("booking " + b.id, e);
        }
        outbox.committed();
        return response;
    }

    /** The statement; rolled back by the caller when it throws. */
    private void write(Connection c, Booking b, Integer cap, KeyToStore key, String response, StagedEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(key == null ? WITHOUT_KEY : WITH_KEY)) {
            int i = bindBooking(ps, b, cap == null ? Integer.MAX_VALUE : cap); // null cap: unlimited
            i = event.bind(ps, i);
            if (key != null) {
                ps.setObject(i++, b.orgId);
                ps.setString(i++, key.key());
                ps.setString(i++, key.requestHash());
                ps.setObject(i++, b.id);
                ps.setString(i++, response);
                ps.setLong(i, config.idempotencyKeyRetention().toSeconds());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    throw new LostRace(Reason.DAILY_CAP_REACHED); // SCH-03: the day was full; nothing was written
                }
                if (rs.getInt(3) == 0) {
                    throw new KeyTaken();
                }
            }
        }
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
