package dev.kaigi.scheduling.timeoff;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.audit.AuditAction;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.host.HostRepository;
import dev.kaigi.scheduling.timeoff.TimeOffJson.TimeOffRequest;
import dev.kaigi.scheduling.timeoff.TimeOffJson.TimeOffView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * AVL-02: a host's absences. Recording one is its own transaction, which also closes the host-days
 * it covers to bookings planned before it ({@code host_day.closed_at_version}, V13); once it is
 * committed, {@link TimeOffSettlement} hands over or cancels the meetings inside it (MTG-05).
 */
@ApplicationScoped
public class TimeOffService {

    /** The longest absence one record may cover. */
    public static final Duration MAX_LENGTH = Duration.ofDays(366);
    /** How many absences a host may have that have not ended: enough for every weekday off of a year. */
    public static final int MAX_OPEN = 400;

    @Inject
    EntityManager em;
    @Inject
    HostRepository hosts;
    @Inject
    AuditTrail audit;

    /** Records an absence of {@code userId}, made by {@code by}; its meetings are settled after the commit. */
    @Transactional
    public TimeOffView add(UUID orgId, UUID userId, UUID by, TimeOffRequest request, Instant now) {
        requireMember(orgId, userId);
        Optional<ZoneId> hostZone = scheduleZone(userId);
        ZoneId zone = request.timeZone() == null ? hostZone.orElseThrow(() -> ProblemException.invalidField("timeZone", "required"))
                : Params.zone("timeZone", request.timeZone());
        Instant start = request.start().atZone(zone).toInstant();
        Instant end = request.end().atZone(zone).toInstant();
        if (!end.isAfter(start)) {
            throw ProblemException.invalidField("end", "end-not-after-start");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw ProblemException.invalidField("end", "time-off-too-long", MAX_LENGTH.toDays());
        }
        if (!end.isAfter(now)) {
            throw ProblemException.invalidField("end", "end-in-past");
        }
        Number open = (Number) em.createNativeQuery("select count(*) from time_off where user_id = :user and ends_at > :now")
                .setParameter("user", userId).setParameter("now", now.atOffset(ZoneOffset.UTC)).getSingleResult();
        if (open.intValue() >= MAX_OPEN) {
            throw ProblemException.conflict("time-off-limit");
        }
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into time_off (id, org_id, user_id, starts_at, ends_at, time_zone, note, created_by, created_at)
                        values (:id, :org, :user, :start, :end, :zone, :note, :by, :now)
                        """)
                .setParameter("id", id).setParameter("org", orgId).setParameter("user", userId)
                .setParameter("start", start.atOffset(ZoneOffset.UTC)).setParameter("end", end.atOffset(ZoneOffset.UTC))
                .setParameter("zone", zone.getId()).setParameter("note", request.note()).setParameter("by", by)
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).executeUpdate();
        hostZone.ifPresent(z -> closeDays(orgId, userId, z, start, end));
        TimeOffView view = new TimeOffView(id, userId, start.atZone(zone).toOffsetDateTime(), end.atZone(zone).toOffsetDateTime(),
                zone.getId(), request.note(), false);
        audit.record(AuditChange.of(orgId, AuditAction.TIME_OFF_ADDED).targetUser(userId).target(id).after(auditFields(view)));
        return view;
    }

    /**
     * Every host-day a meeting inside [start, end) could count on gets the organization's facts
     * version as it is now, with this absence written: a booking or move planned under an older
     * version can no longer take its counter (book.sql, move.sql), and one that took it before is
     * committed before this transaction goes on (the row lock), so the settlement sees it. A meeting
     * counts on the day it starts, which is at most the longest blocked time before the absence.
     */
    private void closeDays(UUID orgId, UUID userId, ZoneId zone, Instant start, Instant end) {
        LocalDate first = start.minus(HostFactsLoader.MAX_BLOCKED).atZone(zone).toLocalDate();
        LocalDate last = end.atZone(zone).toLocalDate();
        em.createNativeQuery("""
                        insert into host_day (org_id, user_id, day, booked, closed_at_version)
                        select :org, :user, d::date, 0, (select v.version from org_facts_version v where v.org_id = :org)
                        from generate_series(cast(:first as date), cast(:last as date), interval '1 day') d
                        order by 3
                        on conflict (user_id, day) do update set closed_at_version = excluded.closed_at_version
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("first", first).setParameter("last", last)
                .executeUpdate();
    }

    /** The user's absences that end after {@code since}, by start. */
    @Transactional
    @SuppressWarnings("unchecked") // a native query's rows are Object[]
    public List<TimeOffView> list(UUID orgId, UUID userId, Instant since) {
        requireMember(orgId, userId);
        List<Object[]> rows = em.createNativeQuery("""
                        select id, starts_at, ends_at, time_zone, note, settled_at is not null from time_off
                        where org_id = :org and user_id = :user and ends_at > :since order by starts_at, id
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("since", since.atOffset(ZoneOffset.UTC))
                .getResultList();
        return rows.stream().map(r -> view(userId, r)).toList();
    }

    /** Removes an absence: the host is offered again in its time (meetings handed over stay where they went). */
    @Transactional
    @SuppressWarnings("unchecked")
    public void remove(UUID orgId, UUID userId, UUID id) {
        requireMember(orgId, userId);
        List<Object[]> rows = em.createNativeQuery("""
                        delete from time_off where id = :id and org_id = :org and user_id = :user
                        returning id, starts_at, ends_at, time_zone, note, settled_at is not null
                        """)
                .setParameter("id", id).setParameter("org", orgId).setParameter("user", userId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("time-off");
        }
        audit.record(AuditChange.of(orgId, AuditAction.TIME_OFF_REMOVED).targetUser(userId).target(id)
                .before(auditFields(view(userId, rows.get(0)))));
    }

    private void requireMember(UUID orgId, UUID userId) {
        hosts.member(orgId, userId).orElseThrow(() -> ProblemException.notFound("user"));
    }

    private Optional<ZoneId> scheduleZone(UUID userId) {
        List<?> zone = em.createNativeQuery("select time_zone from work_schedule where user_id = :user")
                .setParameter("user", userId).getResultList();
        return zone.stream().map(z -> ZoneId.of(z.toString())).findFirst();
    }

    private static TimeOffView view(UUID userId, Object[] r) {
        ZoneId zone = ZoneId.of((String) r[3]);
        return new TimeOffView((UUID) r[0], userId, instant(r[1]).atZone(zone).toOffsetDateTime(),
                instant(r[2]).atZone(zone).toOffsetDateTime(), zone.getId(), (String) r[4], (Boolean) r[5]);
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static Map<String, Object> auditFields(TimeOffView v) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("start", v.start().toString());
        fields.put("end", v.end().toString());
        fields.put("timeZone", v.timeZone());
        fields.put("note", v.note());
        return fields;
    }
}
