package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.RevokedCallerFilter;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.HostFactsLoader.Checked;
import dev.kaigi.scheduling.eligibility.HostFactsLoader.Moving;
import dev.kaigi.scheduling.eligibility.Reason;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a booking is planned (SCH-08): the meeting type, the slot, and the hosts to offer to
 * {@link BookingWriter}, which checks the rest while it writes. Usually from memory
 * ({@link #fromMemory}): the type and every pool host's profile are remembered under the
 * organization's facts version, and only the rules of a profile are judged here (status, user type,
 * links, hours, breaks, opportunity cap). Otherwise, and whenever the writer could not book, from
 * the facts as they are now ({@link #fromFacts}): every rule is judged, and a host it refuses is
 * left out with its reason, which a 409 reports.
 */
@ApplicationScoped
class BookingReads {

    /**
     * What the writer is offered: the type, the slot, the hosts whose facts accept it (in pool order)
     * and the caller it checks against LIF-01 (null on a public page), and why each other host of the
     * pool was refused: by every rule for a plan from fresh facts, by the rules of their profile for
     * one from memory (the writer finds caps and taken times itself).
     */
    record Plan(BookableType target, Slot slot, List<HostFacts> candidates, UUID callerUserId, UUID callerOrgId,
                Map<UUID, Reason> refused, boolean fresh) {
    }

    @Inject
    BookableTypes types;
    @Inject
    HostFactsLoader facts;
    @Inject
    RevokedHosts revokedHosts;

    /**
     * The booking as planned from the facts as they are now: the type (read again when the
     * organization's facts changed since it was remembered), the pool's facts for the slot, and
     * every rule judged on them. Costs one round trip, three after a change.
     *
     * @param user         the caller's user (null for partners and public pages); a user's booking names
     *                     a type {@link InOrganization in their token's organization}, which LIF-01 checks against
     * @throws ProblemException 401 for a revoked caller; 400 for an unknown type (404 on a public page) or a
     *                          start outside the type's window
     */
    Plan fromFacts(TypeRef ref, UUID user, OffsetDateTime asked, Instant now) {
        Instant start = asked.toInstant();
        UUID callerOrgId = callerOrgId(ref);
        UUID callerUserId = callerOrgId == null ? null : user; // a public page has no caller to check
        BookableType remembered = types.remembered(ref);
        if (remembered != null && BookingWindow.refusal(remembered.type(), asked, now, "start") == null) {
            Slot slot = slot(remembered.type(), start);
            Checked checked = load(remembered, slot, callerOrgId, callerUserId);
            if (checked.factsVersion() == remembered.factsVersion()) {
                return judged(remembered, slot, checked.hosts(), callerUserId, callerOrgId);
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
        return judged(current, slot, load(current, slot, callerOrgId, callerUserId).hosts(), callerUserId, callerOrgId);
    }

    /** Every rule judged on the facts read: the hosts that pass are offered, the others keep their reason. */
    private static Plan judged(BookableType target, Slot slot, List<HostFacts> hosts, UUID callerUserId, UUID callerOrgId) {
        Map<UUID, Reason> refused = new LinkedHashMap<>();
        List<HostFacts> accepted = new ArrayList<>(hosts.size());
        for (HostFacts h : hosts) {
            EligibilityPolicies.firstReason(h, slot).ifPresentOrElse(r -> refused.put(h.userId(), r), () -> accepted.add(h));
        }
        return new Plan(target, slot, accepted, callerUserId, callerOrgId, refused, true);
    }

    /**
     * The booking as planned from memory alone: the type remembered, the start inside its window,
     * every host's profile known under the type's facts version, and at least one of them accepting
     * the slot. Null otherwise: then {@link #fromFacts} must plan it (it knows why a booking is
     * refused). Whether the version is still current and the caller still active, the writer checks.
     */
    Plan fromMemory(TypeRef ref, UUID user, OffsetDateTime asked, Instant now) {
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
        Plan judged = judged(remembered, slot, hosts, null, null);
        if (judged.candidates().isEmpty()) {
            return null;
        }
        UUID callerOrgId = callerOrgId(ref);
        return new Plan(remembered, slot, judged.candidates(), callerOrgId == null ? null : user, callerOrgId, judged.refused(), false);
    }

    private Checked load(BookableType t, Slot slot, UUID callerOrgId, UUID callerUserId) {
        Checked checked = facts.loadChecked(t.type().orgId, t.factsVersion(), callerUserId, t.pool(), slot.blockedFrom(),
                slot.blockedTo());
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

    /**
     * A move of {@code b} to {@code asked} (MTG-03), planned from the facts as they are now, as if
     * {@code b} were not booked (its time free, its day one meeting lighter): every rule judged for
     * its meeting type's pool. The host keeps the meeting when the facts accept them at the new time
     * (they alone are offered); otherwise the pool's fair choice decides. The type comes from memory
     * when the facts, read in the same round trip as the organization's version, show it current.
     *
     * @throws ProblemException 400 for a start outside the type's window (the caller decides what it
     *                          means for a move); 409 when the type is gone; 401 for a revoked caller
     */
    Plan forMove(Booking b, OffsetDateTime asked, Instant now, UUID callerUserId, UUID callerOrgId) {
        InOrganization ref = new InOrganization(b.orgId, b.meetingTypeId);
        Moving moving = new Moving(b.id, b.hostUserId, b.hostDay);
        BookableType remembered = types.remembered(ref);
        if (remembered != null && BookingWindow.refusal(remembered.type(), asked, now, "start") == null) {
            Slot slot = slot(remembered.type(), asked.toInstant());
            Checked checked = facts.loadWithoutChecked(moving, b.orgId, remembered.factsVersion(), callerUserId, remembered.pool(),
                    slot.blockedFrom(), slot.blockedTo());
            if (callerUserId != null && checked.callerOrgId() != null
                    && RevokedHosts.revoked(callerOrgId, checked.callerOrgId(), checked.callerStatus())) {
                throw RevokedCallerFilter.refused();
            }
            if (checked.factsVersion() == remembered.factsVersion()) {
                return keepingTheHost(judged(remembered, slot, checked.hosts(), callerUserId, callerOrgId), b);
            }
            types.forget(remembered);
        }
        BookableType current = types.read(ref).orElseThrow(() -> new ProblemException(409, "cannot-reschedule",
                List.of(new FieldViolation("meetingTypeId", "unknown-meeting-type", null))));
        ProblemException outsideWindow = BookingWindow.refusal(current.type(), asked, now, "start");
        if (outsideWindow != null) {
            throw outsideWindow;
        }
        Slot slot = slot(current.type(), asked.toInstant());
        List<HostFacts> hosts = facts.loadWithout(moving, b.orgId, current.pool(), slot.blockedFrom(), slot.blockedTo());
        return keepingTheHost(judged(current, slot, hosts, callerUserId, callerOrgId), b);
    }

    /**
     * A move of {@code b} to {@code asked} planned from memory alone, as {@link #fromMemory} plans a
     * booking: the type and the pool's profiles remembered, judged without bookings. The host alone
     * when their profile accepts the new time, else the pool; {@code move.sql} then checks cap and
     * time. Null when memory cannot say (then {@link #forMove} plans from the facts).
     */
    Plan moveFromMemory(Booking b, OffsetDateTime asked, Instant now, UUID callerUserId, UUID callerOrgId) {
        Plan plan = fromMemory(new InOrganization(b.orgId, b.meetingTypeId), callerUserId, asked, now);
        if (plan == null) {
            return null;
        }
        return keepingTheHost(new Plan(plan.target(), plan.slot(), plan.candidates(), callerUserId, callerOrgId, plan.refused(), false),
                b);
    }

    /** The plan with the meeting's host alone when they are among its candidates. */
    private static Plan keepingTheHost(Plan plan, Booking b) {
        for (HostFacts h : plan.candidates()) {
            if (h.userId().equals(b.hostUserId)) {
                return new Plan(plan.target(), plan.slot(), List.of(h), plan.callerUserId(), plan.callerOrgId(), plan.refused(),
                        plan.fresh());
            }
        }
        return plan;
    }

    static Slot slot(MeetingType type, Instant start) {
        return new Slot(start, start.plus(Duration.ofMinutes(type.durationMinutes)), Duration.ofMinutes(type.bufferBeforeMinutes),
                Duration.ofMinutes(type.bufferAfterMinutes), type.conferencingMethod);
    }
}
