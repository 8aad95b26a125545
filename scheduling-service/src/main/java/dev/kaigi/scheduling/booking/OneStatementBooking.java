package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.outbox.StagedEvent;
import dev.kaigi.scheduling.booking.BookingWriter.KeyToStore;
import dev.kaigi.scheduling.booking.BookingWriter.LostRace;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.security.RevokedHosts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The booking's hot path (SCH-08, SCH-03): choose the host and write the booking in one statement,
 * so a booking whose meeting type and host profiles are in memory costs one round trip. Java passes
 * the hosts whose profiles accept the slot (status, user type, links, hours, breaks, opportunity
 * cap: {@link BookingReads#fromMemory}), each with the local day and the cap the meeting counts on;
 * the statement
 * <ol>
 * <li>checks that the organization's facts version is still the one those profiles were read
 *     under, and that the caller's token is not revoked (LIF-01);</li>
 * <li>keeps the hosts under their cap that day with no meeting or calendar busy time in the way
 *     (the two rules that bookings change), in {@link FairChoice}'s order: fewest meetings that
 *     day, then booked longest ago, then pool order;</li>
 * <li>takes the first of them that no other booking is being written for (a transaction-scoped
 *     advisory lock per host-day, tried, never waited for), or the first at all when every one is
 *     (then it queues on that host-day's counter);</li>
 * <li>and writes from that row exactly what {@link BookingWriter} writes for a host given: counter,
 *     booking, {@code meeting-booked} (its key and host fields set in SQL), last booking, and the
 *     Idempotency-Key with its answer.</li>
 * </ol>
 * The database still enforces everything: the counter's {@code where booked < cap} and the
 * exclusion constraint refuse what a concurrent booking took since the statement's snapshot, and
 * then nothing is written ({@link LostRace}; the caller tries again with a new snapshot).
 * <p>
 * The advisory lock stands in for {@link InFlightBookings} here, and better: it is seen by every
 * instance. Without it, concurrent requests would all see the same "fewest, longest ago" host
 * and queue on its counter row.
 */
@ApplicationScoped
class OneStatementBooking {

    /** The host fields of a response rendered before the host is known, replaced in SQL by the chosen host's. */
    static final UUID HOST_PENDING = new UUID(0, 0);
    static final String HOST_PENDING_JSON = "\"hostUserId\":\"" + HOST_PENDING + "\",\"hostTimeZone\":\"\"";

    /** What the statement chose and wrote: the host, the local day counted on, its zone, and the stored answer (null without a key). */
    record Chosen(UUID hostUserId, LocalDate day, String zone, String response) {
    }

    private static final String GONE = RevokedHosts.GONE.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    /**
     * {@code ranked} orders the hosts under their cap; {@code free} then looks for meetings and busy
     * times host by host, in that order, only until {@code chosen} has its host. Both are read
     * lazily: {@code ranked} is materialized so that PostgreSQL cannot push {@code free}'s checks
     * below the sort, where they ran for every host of the pool (two index probes each). On the
     * benchmark's data, prepared as the service prepares it, the choice took 0.18 instead of
     * 0.20-0.23 ms (pgbench, one client).
     */
    private static final String CHOOSE = """
            with guard as (
                select 1 where coalesce((select v.version from org_facts_version v where v.org_id = ?), 0) = ?
                    and not exists (select 1 from host h where h.user_id = ? and (h.org_id <> ? or h.status in (%s)))
            ), ranked as materialized (
                select c.user_id, c.day, c.cap, c.zone
                from guard, unnest(?::uuid[], ?::date[], ?::int[], ?::text[]) with ordinality c(user_id, day, cap, zone, pos)
                left join host_day d on d.user_id = c.user_id and d.day = c.day
                left join host_last_booked l on l.user_id = c.user_id
                where coalesce(d.booked, 0) < c.cap
                order by coalesce(d.booked, 0), l.booked_at nulls first, c.pos
            ), free as (
                select r.* from ranked r
                where not exists (select 1 from booking b where b.host_user_id = r.user_id and b.status <> 'CANCELLED'
                        and b.blocked_from > ? and b.blocked_from < ? and b.blocked_to > ?)
                    and not exists (select 1 from busy_time t where t.user_id = r.user_id and t.start_at < ? and t.end_at > ?)
            ), chosen as (
                (select * from free where pg_try_advisory_xact_lock(hashtext(user_id::text), day - date '2000-01-01') limit 1)
                union all
                (select * from free limit 1)
                limit 1
            ), counter as (
                insert into host_day (org_id, user_id, day, booked) select ?, user_id, day, 1 from chosen
                on conflict (user_id, day) do update set booked = host_day.booked + 1 where host_day.booked < (select cap from chosen)
                returning 1
            ), booked as (
                insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method,
                    starts_at, ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email,
                    lead_company, lead_locale, notes, via_public_page, created_at)
                select ?, ?, c.user_id, ?, ?, ?, ?, ?, ?, ?, c.day, c.zone, 'BOOKED', ?, ?, ?, ?, ?, ?, ? from counter, chosen c
                returning 1
            ), announced as (
                %s
                returning 1
            ), noted as (
                insert into host_last_booked (user_id, booked_at) select c.user_id, ? from booked, chosen c
                on conflict (user_id) do update set booked_at = greatest(host_last_booked.booked_at, excluded.booked_at)
                returning 1
            )""".formatted(GONE, StagedEvent.insertSelect("booked, chosen c", "c.user_id::text",
            "jsonb_build_object('hostUserId', c.user_id, 'hostTimeZone', c.zone)"));

    /** The key's row from the booking's, its answer completed with the chosen host (23505 on its primary key when in use). */
    private static final String REMEMBER_KEY = """
            , remembered as (
                insert into idempotency_key (org_id, key, request_hash, booking_id, response)
                select ?, ?, ?, ?, replace(?, ?, '"hostUserId":' || to_json(c.user_id)::text || ',"hostTimeZone":' || to_json(c.zone)::text)
                from booked, chosen c
                returning response
            )""";

    /** Whether the guard passed, the host chosen (if any), whether its counter was taken, and the stored answer. */
    private static final String RESULT = """

            select (select count(*) from guard), c.user_id, c.day, c.zone, (select count(*) from counter), %s
            from (select 1) one left join chosen c on true""";

    private static final String WITHOUT_KEY = CHOOSE + RESULT.formatted("null");
    private static final String WITH_KEY = CHOOSE + REMEMBER_KEY + RESULT.formatted("(select response from remembered)");

    @Inject
    AgroalDataSource db;
    @Inject
    Outbox outbox;

    /**
     * Books {@code b} (everything but its host, day and zone, which the statement chooses) for one of
     * {@code candidates}.
     *
     * @param b          the booking, its host {@link #HOST_PENDING}
     * @param candidates hosts whose profiles accept the slot, in pool order
     * @param key        the Idempotency-Key to keep, its answer rendered with {@link #HOST_PENDING_JSON}; or null
     * @return what was chosen and written; null when the facts version changed, the caller is revoked,
     * or no candidate is free (the two-trip path must answer: it knows why)
     * @throws LostRace             when a concurrent booking took the chosen host's day or time since the snapshot
     * @throws BookingWriter.KeyTaken when the key is in use
     */
    Chosen attempt(Booking b, long factsVersion, UUID callerUserId, UUID callerOrgId, List<HostFacts> candidates,
                   KeyToStore key, String response) {
        StagedEvent event = outbox.stage(BookingEvents.booked(b));
        Chosen chosen;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(key == null ? WITHOUT_KEY : WITH_KEY)) {
            int i = bindChoice(ps, b, factsVersion, callerUserId, callerOrgId, candidates);
            i = bindBooking(ps, i, b);
            i = event.bindWithoutKey(ps, i);
            ps.setObject(i++, b.createdAt.atOffset(ZoneOffset.UTC));
            if (key != null) {
                i = BookingWriter.bindKey(ps, i, b, key, response);
                ps.setString(i, HOST_PENDING_JSON);
            }
            chosen = result(ps);
        } catch (SQLException e) {
            throw BookingWriter.refusal(e, b);
        }
        if (chosen != null) {
            outbox.committed();
        }
        return chosen;
    }

    private static Chosen result(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            UUID host = rs.getObject(2, UUID.class);
            if (rs.getInt(1) == 0 || host == null) {
                return null; // stale facts, a revoked caller, or nobody free: nothing was written
            }
            if (rs.getInt(5) == 0) {
                throw new LostRace(Reason.DAILY_CAP_REACHED); // SCH-03: the day filled since the snapshot
            }
            return new Chosen(host, rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(6));
        }
    }

    /** The guard's four parameters, the candidates' four arrays and the five of the free time; returns the next index. */
    private static int bindChoice(PreparedStatement ps, Booking b, long factsVersion, UUID callerUserId, UUID callerOrgId,
                                  List<HostFacts> candidates) throws SQLException {
        ps.setObject(1, b.orgId);
        ps.setLong(2, factsVersion);
        ps.setObject(3, callerUserId);
        ps.setObject(4, callerOrgId);
        StringBuilder ids = new StringBuilder("{");
        StringBuilder days = new StringBuilder("{");
        StringBuilder caps = new StringBuilder("{");
        StringBuilder zones = new StringBuilder("{");
        for (HostFacts h : candidates) {
            String sep = ids.length() == 1 ? "" : ",";
            Integer cap = h.dayAt(b.startsAt).rules().dailyCap();
            ids.append(sep).append(h.userId());
            days.append(sep).append(h.dayOf(b.startsAt));
            caps.append(sep).append(cap == null ? Integer.MAX_VALUE : cap); // no cap: unlimited
            zones.append(sep).append('"').append(h.zone().getId()).append('"'); // IANA ids: letters, digits, "/_+-"
        }
        ps.setString(5, ids.append('}').toString());
        ps.setString(6, days.append('}').toString());
        ps.setString(7, caps.append('}').toString());
        ps.setString(8, zones.append('}').toString());
        ps.setObject(9, b.blockedFrom.minus(HostFactsLoader.MAX_BLOCKED).atOffset(ZoneOffset.UTC));
        ps.setObject(10, b.blockedTo.atOffset(ZoneOffset.UTC));
        ps.setObject(11, b.blockedFrom.atOffset(ZoneOffset.UTC));
        ps.setObject(12, b.blockedTo.atOffset(ZoneOffset.UTC));
        ps.setObject(13, b.blockedFrom.atOffset(ZoneOffset.UTC));
        ps.setObject(14, b.orgId);
        return 15;
    }

    /** The booking's sixteen parameters (host, day and zone come from the chosen row); returns the next index. */
    private static int bindBooking(PreparedStatement ps, int i, Booking b) throws SQLException {
        ps.setObject(i++, b.id);
        ps.setObject(i++, b.orgId);
        ps.setObject(i++, b.meetingTypeId);
        ps.setString(i++, b.meetingTypeName);
        ps.setString(i++, b.conferencingMethod.name());
        ps.setObject(i++, b.startsAt.atOffset(ZoneOffset.UTC));
        ps.setObject(i++, b.endsAt.atOffset(ZoneOffset.UTC));
        ps.setObject(i++, b.blockedFrom.atOffset(ZoneOffset.UTC));
        ps.setObject(i++, b.blockedTo.atOffset(ZoneOffset.UTC));
        ps.setString(i++, b.leadName);
        ps.setString(i++, b.leadEmail);
        ps.setString(i++, b.leadCompany);
        ps.setString(i++, b.leadLocale);
        ps.setString(i++, b.notes);
        ps.setBoolean(i++, b.viaPublicPage);
        ps.setObject(i++, b.createdAt.atOffset(ZoneOffset.UTC));
        return i;
    }
}
