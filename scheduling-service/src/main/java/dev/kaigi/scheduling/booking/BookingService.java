package dev.kaigi.scheduling.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.booking.BookingReads.Planned;
import dev.kaigi.scheduling.booking.BookingReads.Read;
import dev.kaigi.scheduling.booking.BookingJson.BookingView;
import dev.kaigi.scheduling.booking.BookingJson.Lead;
import dev.kaigi.scheduling.booking.BookingJson.PublicBookingView;
import dev.kaigi.scheduling.booking.BookingWriter.KeyTaken;
import dev.kaigi.scheduling.booking.BookingWriter.KeyToStore;
import dev.kaigi.scheduling.booking.BookingWriter.LostRace;
import dev.kaigi.scheduling.booking.OneStatementBooking.Chosen;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Booking (SCH-08, SCH-03): judge the pool with the eligibility policies, offer the meeting to the
 * eligible hosts in {@link FairChoice} order, and take counter and time in one transaction; a host
 * who lost a race makes way for the next. Usually all of it is one statement
 * ({@link OneStatementBooking}); when that cannot book, the pool's facts are read and
 * {@link BookingWriter} offers the meeting host by host. Also cancelling and reading.
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
     * the token's user (null for partners and public pages), checked against LIF-01 in the booking's
     * first round trip. {@code start} keeps the offset the caller wrote, the zone whose slot grid it must be on.
     */
    public record BookCommand(TypeRef type, UUID callerUserId, OffsetDateTime start, Lead lead, String notes, Channel channel,
                              String idempotencyKey) {
    }

    /** The answer: the booking's id and its JSON, replayed from the first request when the key was seen before. */
    public record Outcome(UUID bookingId, String body, boolean replayed) {
    }

    /** How often the one-statement booking tries again after losing a race, before the two-trip path takes over. */
    private static final int ONE_STATEMENT_ATTEMPTS = 3;
    /** Bookings written, tagged with the path that wrote them. */
    public static final String BOOKED_METER = "kaigi.bookings.booked";

    @Inject
    BookingWriter writer;
    @Inject
    OneStatementBooking oneStatement;
    @Inject
    InFlightBookings inFlight;
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

    /** Bookings by path: how often the one statement books, and how often the two-trip path has to. */
    private Counter bookedInOneStatement;
    private Counter bookedAfterReading;

    @PostConstruct
    void registerMeters() {
        bookedInOneStatement = Counter.builder(BOOKED_METER).tag("path", "one-statement").register(metrics);
        bookedAfterReading = Counter.builder(BOOKED_METER).tag("path", "read-then-write").register(metrics);
    }

    /**
     * Books, or answers as the first request with the same Idempotency-Key did. Usually in one
     * round trip ({@link OneStatementBooking}, when the type and the hosts' profiles are in memory);
     * else, and whenever that statement cannot book, the booking reads first ({@link BookingReads})
     * and then writes for the hosts in {@link FairChoice} order, and a 409 names every host's reason.
     */
    public Outcome book(BookCommand cmd, Instant now) {
        Planned planned = reads.fromMemory(cmd.type(), cmd.callerUserId(), cmd.start(), now);
        if (planned != null) {
            Outcome booked = withKey(cmd, planned.target().type(), now, key -> bookInOneStatement(cmd, planned, key, now));
            if (booked != null) {
                return booked;
            }
        }
        Read read = reads.read(cmd.type(), cmd.callerUserId(), cmd.start(), now);
        return withKey(cmd, read.target().type(), now, key -> bookNew(cmd, read, key, now));
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
            return booking.apply(new KeyToStore(key, hash, b -> render(b, cmd.channel())));
        } catch (KeyTaken taken) {
            if (keys.forgetExpired(type.orgId, key)) {
                return book(cmd, now); // the key had outlived its retention: it is free again
            }
            return replay(type.orgId, key, hash).orElseThrow(() -> new ProblemException(409, "conflict"));
        } catch (ProblemException refused) {
            return replay(type.orgId, key, hash).orElseThrow(() -> refused);
        }
    }

    /**
     * The one-round-trip booking; null when it cannot book (facts changed, the caller revoked, or no
     * host free as of its snapshot) and the two-trip path must answer. A race lost to a concurrent
     * booking is tried again with a new snapshot, which no longer offers what that booking took.
     */
    private Outcome bookInOneStatement(BookCommand cmd, Planned planned, KeyToStore key, Instant now) {
        Booking b = newBooking(planned.target().type(), planned.slot(), cmd, now);
        b.hostUserId = OneStatementBooking.HOST_PENDING;
        b.hostTimeZone = "";
        String response = key == null ? null : pendingHostResponse(key.response().apply(b), cmd.channel());
        for (int attempt = 0; attempt < ONE_STATEMENT_ATTEMPTS; attempt++) {
            try {
                Chosen chosen = oneStatement.attempt(b, planned.target().factsVersion(), planned.callerUserId(), planned.callerOrgId(),
                        planned.candidates(), key, response);
                if (chosen == null) {
                    return null;
                }
                b.hostUserId = chosen.hostUserId();
                b.hostDay = chosen.day();
                b.hostTimeZone = chosen.zone();
                bookedInOneStatement.increment();
                return new Outcome(b.id, chosen.response() != null ? chosen.response() : render(b, cmd.channel()), false);
            } catch (LostRace lost) {
                // someone else got there first; the next snapshot sees what they took
            }
        }
        return null;
    }

    /** A response rendered before the host is known must carry the placeholder the statement replaces. */
    private static String pendingHostResponse(String response, Channel channel) {
        if (channel == Channel.API && !response.contains(OneStatementBooking.HOST_PENDING_JSON)) {
            throw new IllegalStateException("the booking's JSON no longer renders its host as " + OneStatementBooking.HOST_PENDING_JSON);
        }
        return response;
    }

    /** Books as new, from what {@link BookingReads} read (the start is inside the type's window). */
    private Outcome bookNew(BookCommand cmd, Read read, KeyToStore key, Instant now) {
        MeetingType type = read.target().type();
        Slot slot = read.slot();
        List<UUID> pool = read.target().pool();
        Map<UUID, Reason> refused = new LinkedHashMap<>();
        List<HostFacts> eligible = new ArrayList<>();
        for (HostFacts h : read.candidates()) {
            EligibilityPolicies.firstReason(h, slot).ifPresentOrElse(r -> refused.put(h.userId(), r), () -> eligible.add(h));
        }
        for (HostFacts host : FairChoice.order(eligible, slot.start(), inFlight::on)) {
            Booking b = newBooking(type, slot, cmd, now);
            b.hostUserId = host.userId();
            b.hostDay = host.dayOf(slot.start());
            b.hostTimeZone = host.zone().getId();
            try (InFlightBookings.Handle writing = inFlight.start(b.hostUserId, b.hostDay)) {
                String body = writer.attempt(b, host.dayAt(slot.start()).rules().dailyCap(), key);
                bookedAfterReading.increment();
                return new Outcome(b.id, body != null ? body : render(b, cmd.channel()), false);
            } catch (LostRace lost) {
                refused.put(host.userId(), lost.reason);
            }
        }
        throw noHost(cmd.channel(), pool, refused);
    }

    /** 409: every candidate's reason for a signed-in caller; a lead only learns that the time is gone. */
    private static ProblemException noHost(Channel channel, List<UUID> pool, Map<UUID, Reason> refused) {
        if (channel == Channel.PUBLIC_PAGE) {
            return ProblemException.conflict("slot-unavailable");
        }
        List<FieldViolation> reasons = new ArrayList<>();
        for (UUID host : pool) {
            Reason r = refused.getOrDefault(host, Reason.INACTIVE); // in the pool but unknown here: not a host
            reasons.add(new FieldViolation("hosts[" + host + "]", r.code(), null));
        }
        return new ProblemException(409, "no-host-available", reasons);
    }

    /** The booking asked for, without its host (host, local day and zone). */
    private static Booking newBooking(MeetingType type, Slot slot, BookCommand cmd, Instant now) {
        Booking b = new Booking();
        b.id = UUID.randomUUID();
        b.orgId = type.orgId;
        b.meetingTypeId = type.id;
        b.meetingTypeName = type.name;
        b.conferencingMethod = type.conferencingMethod;
        b.startsAt = slot.start();
        b.endsAt = slot.end();
        b.blockedFrom = slot.blockedFrom();
        b.blockedTo = slot.blockedTo();
        b.status = BookingStatus.BOOKED;
        b.leadName = cmd.lead().name().trim();
        b.leadEmail = cmd.lead().email().trim();
        b.leadCompany = blankToNull(cmd.lead().company());
        b.leadLocale = cmd.lead().locale() == null ? "en" : cmd.lead().locale();
        b.notes = blankToNull(cmd.notes());
        b.viaPublicPage = cmd.channel() == Channel.PUBLIC_PAGE;
        b.createdAt = now;
        return b;
    }

    private Optional<Outcome> replay(UUID orgId, String key, String hash) {
        return keys.find(orgId, key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw new ProblemException(422, "idempotency-key-reused",
                        List.of(new FieldViolation("Idempotency-Key", "idempotency-key-reused", null)));
            }
            return new Outcome(stored.bookingId(), stored.response(), true);
        });
    }

    private String render(Booking b, Channel channel) {
        try {
            return json.writeValueAsString(channel == Channel.PUBLIC_PAGE ? PublicBookingView.of(b) : BookingView.of(b));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What makes two requests "the same" for an Idempotency-Key: everything they ask for, and where. */
    private static String fingerprint(BookCommand cmd, MeetingType type) {
        String canonical = String.join("\u0000", cmd.channel().name(), type.id.toString(), cmd.start().toInstant().toString(),
                cmd.lead().name().trim(), cmd.lead().email().trim().toLowerCase(Locale.ROOT), String.valueOf(blankToNull(cmd.lead().company())),
                String.valueOf(cmd.lead().locale()), String.valueOf(blankToNull(cmd.notes())));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
    public BookingView cancel(UUID orgId, UUID id, UUID onlyHost, String reason, Instant now) {
        Booking b = visible(orgId, id, onlyHost, true);
        if (b.status == BookingStatus.CANCELLED) {
            return BookingView.of(b);
        }
        if (!b.startsAt.isAfter(now)) {
            throw ProblemException.conflict("booking-in-the-past");
        }
        cancelled(b, blankToNull(reason), now);
        return BookingView.of(b);
    }

    /** Marks {@code b} cancelled, gives its counter back and announces it; in the caller's transaction. */
    void cancelled(Booking b, String reason, Instant now) {
        b.status = BookingStatus.CANCELLED;
        b.cancelledAt = now;
        b.cancelReason = reason;
        em.flush();
        HostDayCounters.release(em, b.hostUserId, b.hostDay);
        outbox.publish(BookingEvents.cancelled(b, reason));
    }

    private Booking visible(UUID orgId, UUID id, UUID onlyHost, boolean lock) {
        Optional<Booking> found = lock
                ? bookings.find("orgId = ?1 and id = ?2", orgId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                : bookings.find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
        return found.filter(b -> onlyHost == null || onlyHost.equals(b.hostUserId))
                .orElseThrow(() -> ProblemException.notFound("booking"));
    }
}
