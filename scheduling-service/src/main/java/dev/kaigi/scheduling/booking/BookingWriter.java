package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.autocommit.AutoCommitOutbox;
import dev.kaigi.chassis.outbox.autocommit.EventRow;
import dev.kaigi.chassis.sql.NamedSql;
import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.scheduling.booking.BookingReads.Plan;
import dev.kaigi.scheduling.booking.PlanSql.KeyTaken;
import dev.kaigi.scheduling.booking.PlanSql.LostRace;
import dev.kaigi.scheduling.eligibility.Reason;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place that writes a booking (SCH-08, SCH-03, LIF-01): {@code book.sql}, beside this
 * class, chooses the host among a plan's candidates in the weighted fair order (AVL-05) and writes
 * host-day counter, booking (with the pool's hosts passed over and why, AVL-06), the pool's count,
 * {@code meeting-booked}, the host's last booking and the Idempotency-Key, in one statement. It runs in auto-commit, so it is its own transaction and one round trip, without JTA
 * (the booking's hot path: on two cores shared with PostgreSQL every round trip costs both a
 * wake-up). The database decides what no plan can know: the counter's {@code booked < cap} and
 * the exclusion constraint refuse what a concurrent booking took since the statement's snapshot,
 * and then nothing is written.
 */
@ApplicationScoped
class BookingWriter {

    /** The host fields of an answer rendered before the host is known; the statement writes the chosen host's. */
    static final UUID HOST_PENDING = new UUID(0, 0);
    /** The host's contact in an answer rendered before the host is known (USR-08); the statement fills it in. */
    static final String CONTACT_PENDING_JSON = "\"hostContact\":null";
    static final String HOST_PENDING_JSON = "\"hostUserId\":\"" + HOST_PENDING + "\",\"hostTimeZone\":\"\"";

    private static final NamedSql BOOK = NamedSql.load(BookingWriter.class, "book.sql");

    /**
     * What the statement chose and wrote: the host, the local day counted on, its zone, the host's contact for
     * the lead (USR-08), and the answer kept (null without a key).
     */
    record Booked(UUID hostUserId, LocalDate day, String zone, String hostContact, String response) {
    }

    /** What the idempotency record keeps: the key, the request's fingerprint, and how to render the answer. */
    record KeyToStore(String key, String requestHash, Function<Booking, String> response) {
    }

    @Inject
    AgroalDataSource db;
    @Inject
    AutoCommitOutbox outbox;

    /**
     * Books {@code b} (everything but its host, local day and zone, which the statement chooses) for
     * the first free candidate of {@code plan} in the fair order.
     *
     * @param key      the Idempotency-Key to keep, or null
     * @param response the answer to keep with the key, its host {@link #HOST_PENDING_JSON} and its host's contact
     *                 {@link #CONTACT_PENDING_JSON}; null without a key
     * @return what was written; null when nothing was: the facts changed since the plan, the caller
     * was revoked, or no candidate is free as of now
     * @throws LostRace when a concurrent booking took the chosen host's day or time since the snapshot
     * @throws KeyTaken when the key is in use
     */
    Booked write(Booking b, Plan plan, KeyToStore key, String response) {
        EventRow event = outbox.row(BookingEvents.booked(b));
        Booked booked;
        try (Connection c = db.getConnection(); NamedStatement st = BOOK.prepare(c)) {
            PlanSql.bindGuard(st, b.orgId, plan.target().factsVersion(), plan.callerUserId(), plan.callerOrgId());
            PlanSql.bindCandidates(st, b.startsAt, plan.candidates(), plan.target()::share, b.blockedFrom, b.blockedTo);
            PlanSql.bindPassedOver(st, PlanSql.notOffered(plan.target().pool(), plan.candidates(), plan.refused()));
            bindBooking(st, b);
            event.bind(st);
            st.setString("idempotency_key", key == null ? null : key.key());
            st.setString("request_hash", key == null ? null : key.requestHash());
            st.setString("response", response);
            st.setString("host_placeholder", HOST_PENDING_JSON);
            st.setString("contact_placeholder", CONTACT_PENDING_JSON);
            booked = result(st);
        } catch (SQLException e) {
            throw PlanSql.refusal(e, "booking " + b.id);
        }
        if (booked != null) {
            outbox.committed();
        }
        return booked;
    }

    private static Booked result(NamedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            UUID host = rs.getObject("user_id", UUID.class);
            if (rs.getInt("guard_passed") == 0 || host == null) {
                return null; // stale facts, a revoked caller, or nobody free: nothing was written
            }
            if (rs.getInt("counted") == 0) {
                throw new LostRace(Reason.DAILY_CAP_REACHED); // SCH-03: the day filled since the snapshot
            }
            return new Booked(host, rs.getObject("day", LocalDate.class), rs.getString("zone"), rs.getString("host_contact"),
                    rs.getString("response"));
        }
    }

    private static void bindBooking(NamedStatement st, Booking b) throws SQLException {
        st.set("booking_id", b.id);
        st.set("meeting_type_id", b.meetingTypeId);
        st.setString("meeting_type_name", b.meetingTypeName);
        st.setString("conferencing_method", b.conferencingMethod.name());
        st.setString("reminder_minutes_before", BookingRows.arrayText(b.reminderMinutesBefore));
        st.setInstant("starts_at", b.startsAt);
        st.setInstant("ends_at", b.endsAt);
        st.setString("lead_name", b.leadName);
        st.setString("lead_email", b.leadEmail);
        st.setString("lead_company", b.leadCompany);
        st.setString("lead_locale", b.leadLocale);
        st.setString("lead_time_zone", b.leadTimeZone);
        st.set("manage_token_hash", b.manageTokenHash);
        st.setString("notes", b.notes);
        st.setBoolean("via_public_page", b.viaPublicPage);
        st.setInstant("created_at", b.createdAt);
    }
}
