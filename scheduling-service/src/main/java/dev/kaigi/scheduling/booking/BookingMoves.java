package dev.kaigi.scheduling.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.RevokedCallerFilter;
import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.scheduling.booking.BookingJson.BookingView;
import dev.kaigi.scheduling.booking.BookingMover.Move;
import dev.kaigi.scheduling.booking.BookingMover.Moved;
import dev.kaigi.scheduling.booking.BookingMover.NotAsRead;
import dev.kaigi.scheduling.booking.BookingReads.Plan;
import dev.kaigi.scheduling.booking.BookingWriter.KeyToStore;
import dev.kaigi.scheduling.booking.PlanSql.KeyTaken;
import dev.kaigi.scheduling.booking.PlanSql.LostRace;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.HostFactsLoader.Checked;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import dev.kaigi.scheduling.security.RevokedHosts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moving a booked meeting (MTG-03 reschedule, MTG-04 reassign): read the booking, check it may
 * move, plan from the facts as they are now, and let {@link BookingMover} write the move in one
 * statement. A plan the database refuses (the facts changed, a concurrent booking or move won the
 * time or the day, the booking itself changed) is made again from what is there now, a few times
 * at most; then the answer is 409 with the reasons.
 */
@ApplicationScoped
public class BookingMoves {

    /** How many times a move is planned and written at most before 409. */
    private static final int WRITES = 4;

    /**
     * A reschedule of booking {@code bookingId} to {@code start}. {@code onlyHost} narrows which
     * bookings the caller may see (null: the organization's); {@code ifMatch} is the sequence the
     * caller read (null: whatever it is now); {@code callerUserId} is checked against LIF-01.
     */
    public record Reschedule(UUID orgId, UUID bookingId, UUID onlyHost, OffsetDateTime start, Integer ifMatch, String reason,
                             Acting acting, UUID callerUserId, String idempotencyKey) {
    }

    /** The booking after the change, as JSON, with its sequence (the ETag); replayed from the first request under its key. */
    public record Changed(String body, int sequence, boolean replayed) {
    }

    @Inject
    BookingRows rows;
    @Inject
    BookingReads reads;
    @Inject
    BookingMover mover;
    @Inject
    HostFactsLoader facts;
    @Inject
    IdempotencyKeys keys;
    @Inject
    ObjectMapper json;

    /**
     * MTG-03: the meeting moves to the new start, kept by its host when they can take it, else the
     * pool's fair choice. With an Idempotency-Key the key is looked up first (a move is no hot
     * path): a retry gets the first answer even when the booking has moved on since, and is never
     * moved back by it.
     */
    public Changed reschedule(Reschedule cmd, Instant now) {
        if (cmd.idempotencyKey() == null) {
            return reschedule(cmd, null, now);
        }
        String hash = IdempotencyKeys.fingerprint("reschedule", cmd.bookingId().toString(), cmd.start().toInstant().toString(),
                String.valueOf(cmd.reason()), String.valueOf(cmd.ifMatch()));
        keys.pruneNowAndThen();
        keys.forgetExpired(cmd.orgId(), cmd.idempotencyKey());
        Optional<Changed> earlier = replay(cmd.orgId(), cmd.idempotencyKey(), hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return reschedule(cmd, new KeyToStore(cmd.idempotencyKey(), hash, null), now);
        } catch (KeyTaken taken) { // a concurrent twin stored it first
            return replay(cmd.orgId(), cmd.idempotencyKey(), hash).orElseThrow(() -> ProblemException.conflict("conflict"));
        }
    }

    private Changed reschedule(Reschedule cmd, KeyToStore key, Instant now) {
        Reason lost = null;
        for (int write = 1; ; write++) {
            Booking b = movable(read(cmd.orgId(), cmd.bookingId(), cmd.onlyHost()), cmd.ifMatch(), now);
            if (b.startsAt.equals(cmd.start().toInstant())) {
                return new Changed(render(b), b.sequence, false); // already there: nothing moves, nobody is told
            }
            // from memory first, as a booking is planned; from the facts once the statement moved nothing
            Plan plan = write == 1 ? reads.moveFromMemory(b, cmd.start(), now, cmd.callerUserId(), callerOrgId(cmd.callerUserId(), b))
                    : null;
            if (plan == null) {
                try {
                    plan = reads.forMove(b, cmd.start(), now, cmd.callerUserId(), callerOrgId(cmd.callerUserId(), b));
                } catch (ProblemException refused) {
                    throw timing(refused);
                }
                if (plan.candidates().isEmpty() || write > WRITES) {
                    throw noHost(plan, lost);
                }
            }
            Slot slot = plan.slot();
            Booking after = after(b, slot, now);
            String response = key == null ? null : render(after);
            try {
                Moved moved = mover.move(new Move(b, slot, plan.candidates(), plan.target().factsVersion(), plan.callerUserId(),
                        plan.callerOrgId(), BookingEvents.rescheduled(b, after, cmd.acting().on(b), blank(cmd.reason())),
                        "hostUserId", now, plan.target()::share, PlanSql.notOffered(plan.target().pool(), plan.candidates(),
                        plan.refused())), key, response);
                if (moved != null) {
                    landed(after, moved);
                    return new Changed(moved.response() != null ? moved.response() : render(after), after.sequence, false);
                }
            } catch (NotAsRead changed) {
                lost = null; // read it again: If-Match, status and start are checked on what is there now
            } catch (LostRace race) {
                lost = race.reason;
            }
        }
    }

    /** The booking as it is now, if the caller may see it; else 404. */
    private Booking read(UUID orgId, UUID id, UUID onlyHost) {
        return rows.find(orgId, id).filter(b -> onlyHost == null || onlyHost.equals(b.hostUserId))
                .orElseThrow(() -> ProblemException.notFound("booking"));
    }

    /** MTG-04: a MANAGER or OWNER hands the meeting to {@code toHost}, who must be eligible at its time. */
    public Changed reassign(UUID orgId, UUID bookingId, UUID toHost, Integer ifMatch, Acting acting, UUID callerUserId, Instant now) {
        for (int write = 1; ; write++) {
            Booking b = movable(read(orgId, bookingId, null), ifMatch, now);
            if (b.hostUserId.equals(toHost)) {
                return new Changed(render(b), b.sequence, false);
            }
            Slot slot = slotOf(b);
            Checked checked = facts.loadChecked(orgId, HostFactsLoader.READ_FRESH, callerUserId, List.of(toHost),
                    slot.blockedFrom(), slot.blockedTo());
            if (callerUserId != null && checked.callerOrgId() != null
                    && RevokedHosts.revoked(orgId, checked.callerOrgId(), checked.callerStatus())) {
                throw RevokedCallerFilter.refused();
            }
            HostFacts target = checked.hosts().stream().findFirst()
                    .orElseThrow(() -> ProblemException.invalidField("hostUserId", "unknown-host"));
            List<Reason> reasons = EligibilityPolicies.reasons(target, slot);
            if (!reasons.isEmpty() || write > WRITES) {
                throw notEligible(toHost, reasons.isEmpty() ? List.of(Reason.OVERLAPPING_MEETING) : reasons);
            }
            Booking after = after(b, slot, now);
            try {
                Moved moved = mover.move(new Move(b, slot, List.of(target), checked.factsVersion(), callerUserId,
                        callerUserId == null ? null : orgId, BookingEvents.reassigned(after, b.hostUserId,
                        ReassignmentReason.MANUAL, acting.on(b)), "toHostUserId", now, host -> PoolShare.DEFAULT, Map.of()),
                        null, null);
                if (moved != null) {
                    landed(after, moved);
                    return new Changed(render(after), after.sequence, false);
                }
            } catch (NotAsRead | LostRace again) {
                // read and judge again
            }
        }
    }

    /** {@code b}, 412 when it is not the sequence the caller read, 409 when cancelled or started. */
    static Booking movable(Booking b, Integer ifMatch, Instant now) {
        if (ifMatch != null && ifMatch != b.sequence) {
            throw new ProblemException(412, "booking-changed");
        }
        if (b.status == BookingStatus.CANCELLED) {
            throw ProblemException.conflict("booking-cancelled");
        }
        if (!b.startsAt.isAfter(now)) {
            throw ProblemException.conflict("booking-in-the-past");
        }
        return b;
    }

    /** The meeting's own slot: its time and buffers as booked. */
    static Slot slotOf(Booking b) {
        return new Slot(b.startsAt, b.endsAt, Duration.between(b.blockedFrom, b.startsAt), Duration.between(b.endsAt, b.blockedTo),
                b.conferencingMethod);
    }

    /** {@code b} moved to {@code slot}, its host not yet known, its sequence raised: what the event and the answer say. */
    static Booking after(Booking b, Slot slot, Instant now) {
        Booking a = new Booking();
        a.id = b.id;
        a.orgId = b.orgId;
        a.meetingTypeId = b.meetingTypeId;
        a.meetingTypeName = b.meetingTypeName;
        a.reminderMinutesBefore = b.reminderMinutesBefore;
        a.conferencingMethod = b.conferencingMethod;
        a.startsAt = slot.start();
        a.endsAt = slot.end();
        a.blockedFrom = slot.blockedFrom();
        a.blockedTo = slot.blockedTo();
        a.hostUserId = BookingWriter.HOST_PENDING;
        a.hostTimeZone = "";
        a.status = b.status;
        a.leadName = b.leadName;
        a.leadEmail = b.leadEmail;
        a.leadCompany = b.leadCompany;
        a.leadLocale = b.leadLocale;
        a.leadTimeZone = b.leadTimeZone;
        a.notes = b.notes;
        a.viaPublicPage = b.viaPublicPage;
        a.createdAt = b.createdAt;
        a.sequence = b.sequence + 1;
        a.updatedAt = now;
        return a;
    }

    /** The host the statement chose, now that it is known. */
    private static void landed(Booking after, Moved moved) {
        after.hostUserId = moved.hostUserId();
        after.hostDay = moved.day();
        after.hostTimeZone = moved.zone();
    }

    /** The caller's organization for LIF-01: the booking's, for a signed-in user. */
    private static UUID callerOrgId(UUID callerUserId, Booking b) {
        return callerUserId == null ? null : b.orgId;
    }

    /**
     * A start the window refuses (400 on {@code start}): a time that cannot be had is a conflict
     * (409); a start that is no time at all stays 400. Other refusals pass as they are.
     */
    private static ProblemException timing(ProblemException refusal) {
        boolean window = refusal.status() == 400 && refusal.violations().stream().anyMatch(v -> v.field().equals("start"));
        boolean malformed = refusal.violations().stream()
                .anyMatch(v -> v.code().equals("whole-minutes") || v.code().equals("off-slot-grid"));
        return window && !malformed ? new ProblemException(409, "cannot-reschedule", refusal.violations()) : refusal;
    }

    /** 409: every pool host's reason at the new time. */
    private static ProblemException noHost(Plan plan, Reason lost) {
        List<FieldViolation> errors = new ArrayList<>();
        Map<UUID, Reason> refused = plan.refused();
        for (UUID host : plan.target().pool()) {
            Reason r = refused.containsKey(host) ? refused.get(host)
                    : plan.candidates().stream().anyMatch(h -> h.userId().equals(host)) ? (lost != null ? lost : Reason.OVERLAPPING_MEETING)
                    : Reason.INACTIVE;
            errors.add(new FieldViolation("hosts[" + host + "]", r.code(), null));
        }
        return new ProblemException(409, "no-host-available", errors);
    }

    private static ProblemException notEligible(UUID host, List<Reason> reasons) {
        return new ProblemException(409, "host-not-eligible",
                reasons.stream().map(r -> new FieldViolation("hosts[" + host + "]", r.code(), null)).toList());
    }

    private Optional<Changed> replay(UUID orgId, String key, String hash) {
        return keys.replay(orgId, key, hash).map(stored -> new Changed(stored.response(), sequenceOf(stored.response()), true));
    }

    private int sequenceOf(String body) {
        try {
            return json.readTree(body).path("sequence").asInt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String render(Booking b) {
        try {
            return json.writeValueAsString(BookingView.of(b));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
