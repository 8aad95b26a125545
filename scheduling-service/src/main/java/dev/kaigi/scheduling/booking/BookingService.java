package dev.kaigi.scheduling.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.scheduling.booking.BookingReads.Plan;
import dev.kaigi.scheduling.booking.BookingJson.BookingView;
import dev.kaigi.scheduling.booking.BookingJson.Lead;
import dev.kaigi.scheduling.booking.BookingJson.PublicBookingView;
import dev.kaigi.scheduling.booking.BookingWriter.Booked;
import dev.kaigi.scheduling.booking.PlanSql.KeyTaken;
import dev.kaigi.scheduling.booking.BookingWriter.KeyToStore;
import dev.kaigi.scheduling.booking.PlanSql.LostRace;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.BookableTypes.TypeRef;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Booking (SCH-08, SCH-03): plan it ({@link BookingReads}: from memory, or from the facts as they
 * are now), and let {@link BookingWriter} choose the host and write it in one statement. When the
 * writer books nothing, the booking is planned again from fresh facts; when those leave no host, the
 * 409 names every host's reason and nothing is written. Also cancelling and reading.
 */
@ApplicationScoped
public class BookingService {

    /** How a booking was asked for: with a user's token, or by a lead on a public booking page. */
    public enum Channel {
        API,
        PUBLIC_PAGE
    }

    /**
     * A request to book the meeting type {@code type} names at {@code start}; {@code callerUserId} is
     * the token's user (null for partners and public pages), checked against LIF-01 as the booking is
     * written. {@code start} keeps the offset the caller wrote, the zone whose slot grid it must be on.
     */
    public record BookCommand(TypeRef type, UUID callerUserId, OffsetDateTime start, Lead lead, String notes, Channel channel,
                              String idempotencyKey) {
    }

    /** The answer: the booking's id and its JSON, replayed from the first request when the key was seen before. */
    public record Outcome(UUID bookingId, String body, boolean replayed) {
    }

    /**
     * How many times the writer runs for one request at most. Each run that books nothing is
     * followed by a plan from fresher facts (or, after a lost race, a new snapshot), so under heavy
     * contention for one host a request still ends, with 409.
     */
    private static final int WRITES = 4;
    /** Bookings written, tagged with how they were planned ({@code plan=memory|facts}). */
    public static final String BOOKED_METER = "kaigi.bookings.booked";

    @Inject
    BookingWriter writer;
    @Inject
    BookingReads reads;
    @Inject
    BookingRepository bookings;
    @Inject
    IdempotencyKeys keys;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;
    @Inject
    ManageLinks links;
    @Inject
    BookingRefusals refusals;

    private Counter plannedFromMemory;
    private Counter plannedFromFacts;

    @PostConstruct
    void registerMeters() {
        plannedFromMemory = Counter.builder(BOOKED_METER).tag("plan", "memory").register(metrics);
        plannedFromFacts = Counter.builder(BOOKED_METER).tag("plan", "facts").register(metrics);
    }

    /**
     * Books, or answers as the first request with the same Idempotency-Key did; either way the
     * answer carries the booking's manage token (MTG-02), which is never kept with the key.
     */
    public Outcome book(BookCommand cmd, Instant now) {
        Outcome outcome;
        try {
            outcome = bookOrReplay(cmd, now);
        } catch (ProblemException refused) {
            refusals.count(cmd.channel(), refused);
            throw refused;
        }
        return new Outcome(outcome.bookingId(), links.withToken(outcome.body(), outcome.bookingId()), outcome.replayed());
    }

    private Outcome bookOrReplay(BookCommand cmd, Instant now) {
        String leadZone = cmd.lead().timeZone();
        if (leadZone != null && !Params.isZone(leadZone)) {
            throw ProblemException.invalidField("lead.timeZone", "time-zone");
        }
        Plan memory = reads.fromMemory(cmd.type(), cmd.callerUserId(), cmd.start(), now);
        Plan first = memory != null ? memory : reads.fromFacts(cmd.type(), cmd.callerUserId(), cmd.start(), now);
        return withKey(cmd, first.target().type(), now, key -> book(cmd, first, key, now));
    }

    /**
     * Runs {@code booking} with the request's Idempotency-Key, if any. The key is looked up only when
     * the request cannot be booked as new, so the common case costs no read: the key's primary key
     * refuses a second booking under it ({@link KeyTaken}), and every refusal (400, 409) first looks
     * for an earlier answer under the key, which a retry gets instead.
     */
    private Outcome withKey(BookCommand cmd, MeetingType type, Instant now, Function<KeyToStore, Outcome> booking) {
        if (cmd.idempotencyKey() == null) {
            return booking.apply(null);
        }
        String key = cmd.idempotencyKey();
        String hash = fingerprint(cmd, type);
        keys.pruneNowAndThen();
        try {
            return booking.apply(new KeyToStore(key, hash, b -> render(b, cmd.channel(), null)));
        } catch (KeyTaken taken) {
            if (keys.forgetExpired(type.orgId, key)) {
                return bookOrReplay(cmd, now); // the key had outlived its retention: it is free again
            }
            return replay(type.orgId, key, hash).orElseThrow(() -> new ProblemException(409, "conflict"));
        } catch (ProblemException refused) {
            return replay(type.orgId, key, hash).orElseThrow(() -> refused);
        }
    }

    /**
     * Offers the booking to {@code plan}'s candidates. When the writer books nothing (the facts
     * changed, the caller was revoked, nobody free as of now) it is planned again from the facts;
     * after a lost race, a plan from memory is simply tried again (the next snapshot sees what the
     * winner took). Fresh facts that leave no host answer 409.
     */
    private Outcome book(BookCommand cmd, Plan plan, KeyToStore key, Instant now) {
        Reason lost = null;
        for (int write = 1; ; write++) {
            if (!plan.candidates().isEmpty()) {
                try {
                    Outcome booked = write(cmd, plan, key, now);
                    if (booked != null) {
                        return booked;
                    }
                } catch (LostRace race) {
                    lost = race.reason;
                    if (!plan.fresh() && write < WRITES) {
                        continue;
                    }
                }
            }
            if (plan.fresh() && (plan.candidates().isEmpty() || write >= WRITES)) {
                throw noHost(cmd.channel(), plan, lost);
            }
            plan = reads.fromFacts(cmd.type(), cmd.callerUserId(), cmd.start(), now);
        }
    }

    /** One run of the writer; null when it wrote nothing. */
    private Outcome write(BookCommand cmd, Plan plan, KeyToStore key, Instant now) {
        Booking b = newBooking(plan.target().type(), plan.slot(), cmd, now);
        b.hostUserId = BookingWriter.HOST_PENDING;
        b.hostTimeZone = "";
        String response = key == null ? null : pendingHostResponse(key.response().apply(b), cmd.channel());
        Booked booked = writer.write(b, plan, key, response);
        if (booked == null) {
            return null;
        }
        b.hostUserId = booked.hostUserId();
        b.hostDay = booked.day();
        b.hostTimeZone = booked.zone();
        (plan.fresh() ? plannedFromFacts : plannedFromMemory).increment();
        return new Outcome(b.id, booked.response() != null ? booked.response() : render(b, cmd.channel(), booked.hostContact()), false);
    }

    /** A response rendered before the host is known must carry the placeholders the writer replaces. */
    private static String pendingHostResponse(String response, Channel channel) {
        if (channel == Channel.API && !response.contains(BookingWriter.HOST_PENDING_JSON)) {
            throw new IllegalStateException("the booking's JSON no longer renders its host as " + BookingWriter.HOST_PENDING_JSON);
        }
        if (!response.contains(BookingWriter.CONTACT_PENDING_JSON)) {
            throw new IllegalStateException("the booking's JSON no longer renders its host's contact as "
                    + BookingWriter.CONTACT_PENDING_JSON);
        }
        return response;
    }

    /**
     * 409: every pool host's reason, from the fresh facts, for a signed-in caller; a lead only learns
     * that the time is gone. A host the facts accepted but the writer could not book lost to a
     * concurrent booking.
     */
    private static ProblemException noHost(Channel channel, Plan plan, Reason lost) {
        if (channel == Channel.PUBLIC_PAGE) {
            return ProblemException.conflict("slot-unavailable");
        }
        Map<UUID, Reason> reasons = new LinkedHashMap<>(plan.refused());
        plan.candidates().forEach(h -> reasons.put(h.userId(), lost != null ? lost : Reason.OVERLAPPING_MEETING));
        List<FieldViolation> errors = new ArrayList<>();
        for (UUID host : plan.target().pool()) {
            Reason r = reasons.getOrDefault(host, Reason.INACTIVE); // in the pool but unknown here: not a host
            errors.add(new FieldViolation("hosts[" + host + "]", r.code(), null));
        }
        return new ProblemException(409, "no-host-available", errors);
    }

    /** The booking asked for, without its host (host, local day and zone). */
    private Booking newBooking(MeetingType type, Slot slot, BookCommand cmd, Instant now) {
        Booking b = new Booking();
        b.id = UUID.randomUUID();
        b.orgId = type.orgId;
        b.meetingTypeId = type.id;
        b.meetingTypeName = type.name;
        b.conferencingMethod = type.conferencingMethod;
        b.reminderMinutesBefore = type.reminderMinutesBefore;
        b.startsAt = slot.start();
        b.endsAt = slot.end();
        b.blockedFrom = slot.blockedFrom();
        b.blockedTo = slot.blockedTo();
        b.status = BookingStatus.BOOKED;
        b.leadName = cmd.lead().name().trim();
        b.leadEmail = cmd.lead().email().trim();
        b.leadCompany = blankToNull(cmd.lead().company());
        b.leadLocale = cmd.lead().locale() == null ? "en" : cmd.lead().locale();
        b.leadTimeZone = cmd.lead().timeZone() != null ? cmd.lead().timeZone() : cmd.start().getOffset().getId();
        b.notes = blankToNull(cmd.notes());
        b.viaPublicPage = cmd.channel() == Channel.PUBLIC_PAGE;
        b.createdAt = now;
        b.manageTokenHash = links.hashOf(b.id);
        return b;
    }

    private Optional<Outcome> replay(UUID orgId, String key, String hash) {
        return keys.replay(orgId, key, hash).map(stored -> new Outcome(stored.bookingId(), stored.response(), true));
    }

    /** The answer that created {@code b}; a null contact renders the placeholder the writer fills in for the key's copy. */
    private String render(Booking b, Channel channel, String hostContact) {
        try {
            return json.writeValueAsString(channel == Channel.PUBLIC_PAGE ? PublicBookingView.created(b, hostContact)
                    : BookingView.created(b, hostContact));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What makes two requests "the same" for an Idempotency-Key: everything they ask for, and where. */
    private static String fingerprint(BookCommand cmd, MeetingType type) {
        return IdempotencyKeys.fingerprint(cmd.channel().name(), type.id.toString(), cmd.start().toInstant().toString(),
                cmd.lead().name().trim(), cmd.lead().email().trim().toLowerCase(Locale.ROOT), String.valueOf(blankToNull(cmd.lead().company())),
                String.valueOf(cmd.lead().locale()), String.valueOf(cmd.lead().timeZone()), String.valueOf(blankToNull(cmd.notes())));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---- reading and cancelling ----

    /** A booking the caller may see: their own as host, or any of the organization's for MANAGER/OWNER; else 404. */
    @Transactional
    public BookingView get(UUID orgId, UUID id, UUID onlyHost) {
        return BookingView.of(visible(orgId, id, onlyHost, false));
    }

    @Transactional
    public Page<BookingView> list(UUID orgId, UUID onlyHost, UUID hostFilter, BookingStatus status, Instant from, Instant to,
                                  PageRequest page) {
        StringBuilder q = new StringBuilder("orgId = :org");
        Parameters p = Parameters.with("org", orgId);
        UUID host = onlyHost != null ? onlyHost : hostFilter;
        if (host != null) {
            q.append(" and hostUserId = :host");
            p.and("host", host);
        }
        if (onlyHost != null && hostFilter != null && !hostFilter.equals(onlyHost)) {
            return Page.of(List.of(), page, 0);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (from != null) {
            q.append(" and endsAt > :from");
            p.and("from", from);
        }
        if (to != null) {
            q.append(" and startsAt < :to");
            p.and("to", to);
        }
        PanacheQuery<Booking> query = bookings.find(q.toString(), Sort.by("startsAt").and("id"), p);
        return Page.of(query.page(page.page(), page.size()).list().stream().map(BookingView::of).toList(), page, query.count());
    }

    /**
     * Cancels a future booking: frees the host-day counter and the time, and writes
     * {@code meeting-cancelled} to the outbox. Cancelling a cancelled booking changes nothing.
     */
    @Transactional
    public BookingView cancel(UUID orgId, UUID id, UUID onlyHost, String reason, Acting acting, Instant now) {
        return BookingView.of(cancel(visible(orgId, id, onlyHost, true), reason, acting, now));
    }

    /** {@code b} (locked) cancelled, unless it is already; 409 once it has started. */
    Booking cancel(Booking b, String reason, Acting acting, Instant now) {
        if (b.status == BookingStatus.CANCELLED) {
            return b;
        }
        if (!b.startsAt.isAfter(now)) {
            throw ProblemException.conflict("booking-in-the-past");
        }
        cancelled(b, blankToNull(reason), acting.on(b), now);
        return b;
    }

    /**
     * Marks {@code b} cancelled, raises its sequence (the cancellation is an invitation's last
     * change: MTG-01), gives its counter back and announces it; in the caller's transaction.
     */
    void cancelled(Booking b, String reason, MeetingActor actor, Instant now) {
        b.status = BookingStatus.CANCELLED;
        b.cancelledAt = now;
        b.cancelReason = reason;
        b.sequence++;
        b.updatedAt = now;
        em.flush();
        HostDayCounters.release(em, b.hostUserId, b.hostDay);
        HostDayCounters.releasePool(em, b.meetingTypeId, b.hostUserId, b.hostDay);
        outbox.publish(BookingEvents.cancelled(b, reason, actor));
    }

    private Booking visible(UUID orgId, UUID id, UUID onlyHost, boolean lock) {
        Optional<Booking> found = lock
                ? bookings.find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                : bookings.find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
        return found.filter(b -> onlyHost == null || onlyHost.equals(b.hostUserId))
                .orElseThrow(() -> ProblemException.notFound("booking"));
    }
}
