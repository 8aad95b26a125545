package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.RevokedCallerFilter;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.HostFactsLoader.Checked;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.BookableTypes.InOrganization;
import dev.kaigi.scheduling.meetingtype.BookableTypes.TypeRef;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import dev.kaigi.scheduling.security.RevokedHosts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a booking reads before it writes (SCH-08): the meeting type, the facts of its pool for the
 * slot, and for a signed-in caller whether their token is revoked (LIF-01: the booking endpoints
 * are {@link dev.kaigi.chassis.security.ChecksRevokedCaller}). Usually one round trip: the type
 * comes from memory ({@link BookableTypes#remembered}), and the facts' round trip also reads the
 * organization's facts version, which says whether the type is still as remembered. If not, the
 * type is read again and so are the facts (two more round trips, after a change to the
 * organization's types, pools, hosts or schedules).
 * <p>
 * Most bookings read nothing here: {@link #fromMemory} plans them from the remembered type and
 * profiles, and {@link OneStatementBooking} checks the rest while it writes. {@link #read} serves
 * the others: the first booking of a type, one after a change, and one the statement could not
 * book (its 409 names every host's reason, which needs the facts).
 * <p>
 * Each booking used to make four round trips (caller, type, facts, write); on two cores shared
 * with PostgreSQL every one costs both processes a wake-up and a protocol exchange.
 */
@ApplicationScoped
class BookingReads {

    /** The type as it is now, the slot asked for, and the pool's facts for it (hosts unknown here left out). */
    record Read(BookableType target, Slot slot, List<HostFacts> candidates) {
    }

    /**
     * A booking that can be written without reading first ({@link OneStatementBooking}): the
     * remembered type, the slot, the hosts whose profiles accept it (in pool order), and the caller
     * the statement checks against LIF-01 (null on a public page).
     */
    record Planned(BookableType target, Slot slot, List<HostFacts> candidates, UUID callerUserId, UUID callerOrgId) {
    }

    @Inject
    BookableTypes types;
    @Inject
    HostFactsLoader facts;
    @Inject
    RevokedHosts revokedHosts;

    /**
     * @param user         the caller's user (null for partners and public pages); a user's booking names
     *                     a type {@link InOrganization in their token's organization}, which LIF-01 checks against
     * @throws ProblemException 401 for a revoked caller; 400 for an unknown type (404 on a public page) or a
     *                          start outside the type's window
     */
    Read read(TypeRef ref, UUID user, OffsetDateTime asked, Instant now) {
        Instant start = asked.toInstant();
        UUID callerOrgId = callerOrgId(ref);
        UUID callerUserId = callerOrgId == null ? null : user; // a public page has no caller to check
        BookableType remembered = types.remembered(ref);
        if (remembered != null && BookingWindow.refusal(remembered.type(), asked, now, "start") == null) {
            Slot slot = slot(remembered.type(), start);
            Checked checked = load(remembered, slot, callerOrgId, callerUserId);
            if (checked.factsVersion() == remembered.factsVersion()) {
                return new Read(remembered, slot, checked.hosts());
            }
            types.forget(remembered); // changed since: read it again
        }
        BookableType current = types.read(ref).orElseThrow(() -> revokedOr(unknown(ref), callerOrgId, callerUserId));
        ProblemException outsideWindow = BookingWindow.refusal(current.type(), asked, now, "start");
        if (outsideWindow != null) {
            throw revokedOr(outsideWindow, callerOrgId, callerUserId);
        }
        // just read, so as current as any read before a write; the facts' version is not checked again
        Slot slot = slot(current.type(), start);
        return new Read(current, slot, load(current, slot, callerOrgId, callerUserId).hosts());
    }

    /**
     * The booking as planned from memory alone: the type remembered, the start inside its window,
     * every host's profile known under the type's facts version, and at least one of them accepting
     * the slot. Null otherwise: then {@link #read} must answer (it knows why a booking is refused).
     * Whether the version is still current and the caller still active, the write checks.
     */
    Planned fromMemory(TypeRef ref, UUID user, OffsetDateTime asked, Instant now) {
        Instant start = asked.toInstant();
        BookableType remembered = types.remembered(ref);
        if (remembered == null || BookingWindow.refusal(remembered.type(), asked, now, "start") != null) {
            return null;
        }
        List<HostFacts> hosts = facts.profilesOnly(remembered.type().orgId, remembered.factsVersion(), remembered.pool());
        if (hosts == null) {
            return null;
        }
        Slot slot = slot(remembered.type(), start);
        List<HostFacts> accepted = new ArrayList<>(hosts.size());
        for (HostFacts h : hosts) {
            if (EligibilityPolicies.firstReason(h, slot).isEmpty()) {
                accepted.add(h);
            }
        }
        if (accepted.isEmpty()) {
            return null;
        }
        UUID callerOrgId = callerOrgId(ref);
        return new Planned(remembered, slot, accepted, callerOrgId == null ? null : user, callerOrgId);
    }

    private Checked load(BookableType t, Slot slot, UUID callerOrgId, UUID callerUserId) {
        Checked checked = facts.loadChecked(t.type().orgId, t.factsVersion(), callerUserId, t.pool(), slot.blockedFrom(),
                slot.blockedTo(), true);
        if (callerUserId != null && checked.callerOrgId() != null
                && RevokedHosts.revoked(callerOrgId, checked.callerOrgId(), checked.callerStatus())) {
            throw RevokedCallerFilter.refused();
        }
        return checked;
    }

    /** A refusal before the facts' round trip checked the caller: a revoked caller learns only that they are. */
    private ProblemException revokedOr(ProblemException refusal, UUID callerOrgId, UUID callerUserId) {
        return callerUserId != null && revokedHosts.revoked(callerUserId, callerOrgId) ? RevokedCallerFilter.refused() : refusal;
    }

    /** The caller's organization, which LIF-01 checks: their token's for a type named in it; none on a public page. */
    private static UUID callerOrgId(TypeRef ref) {
        return ref instanceof InOrganization r ? r.orgId() : null;
    }

    private static ProblemException unknown(TypeRef ref) {
        return ref instanceof InOrganization
                ? ProblemException.invalidField("meetingTypeId", "unknown-meeting-type")
                : ProblemException.notFound("booking-page");
    }

    private static Slot slot(MeetingType type, Instant start) {
        return new Slot(start, start.plus(Duration.ofMinutes(type.durationMinutes)), Duration.ofMinutes(type.bufferBeforeMinutes),
                Duration.ofMinutes(type.bufferAfterMinutes), type.conferencingMethod);
    }
}
