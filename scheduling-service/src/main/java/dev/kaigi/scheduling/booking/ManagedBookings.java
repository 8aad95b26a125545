package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.links.ManageTokens;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.booking.BookingMoves.Reschedule;
import dev.kaigi.scheduling.host.Host;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A booking as its lead manages it through the manage link (MTG-02): the token is the only handle.
 * A malformed, unknown or tampered token, and one whose meeting has ended, is a booking that does
 * not exist here (404), so a token can neither be guessed nor told apart from a wrong one. The
 * lead sees their own meeting and its host's name, and nothing else of the organization.
 */
@ApplicationScoped
public class ManagedBookings {

    /** What the lead sees of their booking; times also in the lead's zone. */
    public record ManagedView(UUID id, String meetingTypeName, String conferencingMethod, String conferenceUrl, BookingStatus status,
                              Instant start, Instant end, String timeZone, OffsetDateTime localStart, OffsetDateTime localEnd,
                              String hostName,
                              @Schema(description = "The host's customer-facing contact (USR-08), if they gave one") String hostContact,
                              String leadName, boolean changeable) {
    }

    @Inject
    EntityManager em;
    @Inject
    BookingService bookings;
    @Inject
    BookingMoves moves;
    @Inject
    BookableTypes types;

    public ManagedView view(String token, Instant now) {
        return QuarkusTransaction.joiningExisting().call(() -> view(find(token, now, false), now));
    }

    /** Cancels the meeting (up to its start); a cancelled one stays as it is. */
    public ManagedView cancel(String token, String reason, Instant now) {
        return QuarkusTransaction.joiningExisting().call(
                () -> view(bookings.cancel(find(token, now, true), reason, Acting.LEAD, now), now));
    }

    /**
     * Moves the meeting to {@code start}, as its host or an administrator would (MTG-03); outside a
     * transaction, since the move is one auto-commit statement.
     */
    public ManagedView reschedule(String token, OffsetDateTime start, String reason, Instant now) {
        Booking b = QuarkusTransaction.joiningExisting().call(() -> find(token, now, false));
        moves.reschedule(new Reschedule(b.orgId, b.id, null, start, null, reason, Acting.LEAD, null, null), now);
        return view(token, now);
    }

    /** The booking's meeting type, for the availability the lead may move to. */
    public BookableType type(String token, Instant now) {
        Booking b = QuarkusTransaction.joiningExisting().call(() -> find(token, now, false));
        return types.inOrganization(b.orgId, b.meetingTypeId).orElseThrow(() -> ProblemException.notFound("booking"));
    }

    private Booking find(String token, Instant now, boolean lock) {
        if (!ManageTokens.wellFormed(token)) {
            throw ProblemException.notFound("booking");
        }
        return em.createQuery("from Booking where manageTokenHash = :hash", Booking.class)
                .setParameter("hash", ManageTokens.hash(token))
                .setLockMode(lock ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE)
                .getResultStream().findFirst()
                .filter(b -> b.endsAt.isAfter(now))
                .orElseThrow(() -> ProblemException.notFound("booking"));
    }

    private ManagedView view(Booking b, Instant now) {
        ZoneId zone = ZoneId.of(b.leadTimeZone);
        Host host = em.find(Host.class, b.hostUserId);
        return new ManagedView(b.id, b.meetingTypeName, b.conferencingMethod.name(), b.conferenceUrl, b.status, b.startsAt, b.endsAt,
                b.leadTimeZone, b.startsAt.atZone(zone).toOffsetDateTime(), b.endsAt.atZone(zone).toOffsetDateTime(),
                host == null ? null : nameOf(host, b.leadLocale), host == null ? null : host.contact, b.leadName,
                b.status == BookingStatus.BOOKED && b.startsAt.isAfter(now));
    }

    /** The host's name as the lead's language writes it: family name first in Japanese. */
    private static String nameOf(Host h, String locale) {
        String last = h.lastName == null ? "" : h.lastName;
        String first = h.firstName == null ? "" : h.firstName;
        String name = ("ja".equals(locale) ? last + " " + first : first + " " + last).trim();
        return name.isEmpty() ? null : name;
    }
}
