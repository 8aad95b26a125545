package dev.kaigi.scheduling.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.booking.BookingReads.Read;
import dev.kaigi.scheduling.booking.BookingJson.BookingView;
import dev.kaigi.scheduling.booking.BookingJson.Lead;
import dev.kaigi.scheduling.booking.BookingJson.PublicBookingView;
import dev.kaigi.scheduling.booking.BookingWriter.KeyTaken;
import dev.kaigi.scheduling.booking.BookingWriter.KeyToStore;
import dev.kaigi.scheduling.booking.BookingWriter.LostRace;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.BookableTypes.TypeRef;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Booking (SCH-08, SCH-03): judge the pool with the eligibility policies, offer the meeting to the
 * eligible hosts in {@link FairChoice} order, and let {@link BookingWriter} take counter and time
 * in one transaction; a host who lost a race makes way for the next. Also cancelling and reading.
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
     * first round trip.
     */
    public record BookCommand(TypeRef type, UUID callerUserId, Instant start, Lead lead, String notes, Channel channel,
                              String idempotencyKey) {
    }

    /** The answer: the booking's id and its JSON, replayed from the first request when the key was seen before. */
    public record Outcome(UUID bookingId, String body, boolean replayed) {
    }

    @Inject
    BookingWriter writer;
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

    /**
     * Books, or answers as the first request with the same Idempotency-Key did. The key is looked up
     * only when this request cannot be booked as new, so the common case costs no read: the key's
     * primary key refuses a second booking under it ({@link KeyTaken}), and every refusal (400, 409)
     * first looks for an earlier answer under the key, which a retry gets instead.
     */
    public Outcome book(BookCommand cmd, Instant now) {
        Read read = reads.read(cmd.type(), cmd.callerUserId(), cmd.start(), now);
        if (cmd.idempotencyKey() == null) {
            return bookNew(cmd, read, null, now);
        }
        UUID orgId = read.target().type().orgId;
        String key = cmd.idempotencyKey();
        String hash = fingerprint(cmd, read.target().type());
        keys.pruneNowAndThen();
        try {
            return bookNew(cmd, read, new KeyToStore(key, hash, b -> render(b, cmd.channel())), now);
        } catch (KeyTaken taken) {
            if (keys.forgetExpired(orgId, key)) {
                return book(cmd, now); // the key had outlived its retention: it is free again
            }
            return replay(orgId, key, hash).orElseThrow(() -> new ProblemException(409, "conflict"));
        } catch (ProblemException refused) {
            return replay(orgId, key, hash).orElseThrow(() -> refused);
        }
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
            Booking b = newBooking(type, slot, host, cmd, now);
            try (InFlightBookings.Handle writing = inFlight.start(b.hostUserId, b.hostDay)) {
                String body = writer.attempt(b, host.dayAt(slot.start()).rules().dailyCap(), key);
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

    private static Booking newBooking(MeetingType type, Slot slot, HostFacts host, BookCommand cmd, Instant now) {
        Booking b = new Booking();
        b.id = UUID.randomUUID();
        b.orgId = type.orgId;
        b.hostUserId = host.userId();
        b.meetingTypeId = type.id;
        b.meetingTypeName = type.name;
        b.conferencingMethod = type.conferencingMethod;
        b.startsAt = slot.start();
        b.endsAt = slot.end();
        b.blockedFrom = slot.blockedFrom();
        b.blockedTo = slot.blockedTo();
        b.hostDay = host.dayOf(slot.start());
        b.hostTimeZone = host.zone().getId();
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
        String canonical = String.join("\u0000", cmd.channel().name(), type.id.toString(), cmd.start().toString(),
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
