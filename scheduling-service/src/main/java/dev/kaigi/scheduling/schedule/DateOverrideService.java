package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.audit.AuditAction;
import dev.kaigi.scheduling.host.HostRepository;
import dev.kaigi.scheduling.schedule.DateOverrideJson.DateOverrideRequest;
import dev.kaigi.scheduling.schedule.DateOverrideJson.DateOverrideView;
import dev.kaigi.scheduling.schedule.ScheduleJson.Break;
import dev.kaigi.scheduling.schedule.ScheduleJson.Weekday;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * AVL-01: a user's date overrides. A date is the user's local date (their schedule's zone), as
 * caps count (SCH-03). Dates from yesterday (the user's today may still be yesterday elsewhere) up
 * to {@link #MAX_DAYS_AHEAD} days ahead; the facts version triggers (V13) make availability and
 * booking see a change at once.
 */
@ApplicationScoped
public class DateOverrideService {

    /** How far ahead an override may be set: beyond any booking horizon. */
    public static final int MAX_DAYS_AHEAD = 731;
    /** The longest span one listing covers. */
    public static final int MAX_LIST_DAYS = 732;

    @Inject
    EntityManager em;
    @Inject
    HostRepository hosts;
    @Inject
    WorkScheduleService schedules;
    @Inject
    AuditTrail audit;

    /** The overrides from {@code from} to {@code to} (inclusive); a member of the organization only. */
    @Transactional
    public List<DateOverrideView> list(UUID orgId, UUID userId, LocalDate from, LocalDate to) {
        requireMember(orgId, userId);
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "range-reversed");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_LIST_DAYS) {
            throw ProblemException.invalidField("to", "range-too-long", MAX_LIST_DAYS);
        }
        return read(userId, from, to);
    }

    /** Sets (creates or replaces) the override of {@code date}. */
    @Transactional
    public DateOverrideView set(UUID orgId, UUID userId, LocalDate date, DateOverrideRequest request) {
        requireMember(orgId, userId);
        checkDate(date, zoneOf(orgId, userId));
        List<FieldViolation> violations = ScheduleRules.checkOverride(new Weekday(date.getDayOfWeek(), request.enabled(),
                request.start(), request.end(), request.breaksOrNone(), request.dailyCap()));
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation-failed", violations);
        }
        Optional<DateOverrideView> before = find(userId, date);
        DateOverrideView after = new DateOverrideView(date, request.enabled(), request.start(), request.end(),
                request.breaksOrNone(), request.enabled() ? request.dailyCap() : null);
        write(orgId, userId, after);
        AuditChange change = AuditChange.of(orgId, AuditAction.DATE_OVERRIDE_SET).targetUser(userId);
        audit.record(before.isPresent() ? change.changedFields(auditFields(before.get()), auditFields(after))
                : change.after(auditFields(after)));
        return after;
    }

    /** Removes the override of {@code date}: the weekday's rules hold again. 404 when there is none. */
    @Transactional
    public void remove(UUID orgId, UUID userId, LocalDate date) {
        requireMember(orgId, userId);
        DateOverrideView before = find(userId, date).orElseThrow(() -> ProblemException.notFound("date-override"));
        delete(userId, date);
        audit.record(AuditChange.of(orgId, AuditAction.DATE_OVERRIDE_REMOVED).targetUser(userId).before(auditFields(before)));
    }

    /** {@code userId}'s overrides from {@code from} on (BLK-05 compares and copies them). */
    public List<DateOverrideView> upcoming(UUID userId, LocalDate from) {
        return read(userId, from, from.plusDays(MAX_DAYS_AHEAD));
    }

    /** BLK-05: {@code source}'s overrides from {@code from} on replace {@code target}'s. */
    public void copy(UUID source, UUID target, UUID orgId, LocalDate from) {
        List<DateOverrideView> overrides = upcoming(source, from);
        em.createNativeQuery("delete from date_override where user_id = :user and day >= :from")
                .setParameter("user", target).setParameter("from", from).executeUpdate();
        overrides.forEach(o -> write(orgId, target, o));
    }

    private void requireMember(UUID orgId, UUID userId) {
        hosts.member(orgId, userId).orElseThrow(() -> ProblemException.notFound("user"));
    }

    private ZoneId zoneOf(UUID orgId, UUID userId) {
        return ZoneId.of(schedules.get(orgId, userId).timeZone);
    }

    private static void checkDate(LocalDate date, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        if (date.isBefore(today.minusDays(1))) {
            throw ProblemException.invalidField("date", "date-in-past");
        }
        if (date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw ProblemException.invalidField("date", "date-too-far", MAX_DAYS_AHEAD);
        }
    }

    private Optional<DateOverrideView> find(UUID userId, LocalDate date) {
        return read(userId, date, date).stream().findFirst();
    }

    @SuppressWarnings("unchecked") // a native query's rows are Object[]
    private List<DateOverrideView> read(UUID userId, LocalDate from, LocalDate to) {
        List<Object[]> days = em.createNativeQuery("""
                        select day, enabled, to_char(start_time, 'HH24:MI'), to_char(end_time, 'HH24:MI'), daily_cap
                        from date_override where user_id = :user and day between :from and :to order by day
                        """)
                .setParameter("user", userId).setParameter("from", from).setParameter("to", to).getResultList();
        List<Object[]> breaks = em.createNativeQuery("""
                        select day, to_char(start_time, 'HH24:MI'), to_char(end_time, 'HH24:MI')
                        from date_override_break where user_id = :user and day between :from and :to order by day, start_time
                        """)
                .setParameter("user", userId).setParameter("from", from).setParameter("to", to).getResultList();
        Map<LocalDate, List<Break>> breaksByDay = new LinkedHashMap<>();
        for (Object[] b : breaks) {
            breaksByDay.computeIfAbsent(date(b[0]), d -> new ArrayList<>()).add(new Break(time(b[1]), time(b[2])));
        }
        return days.stream().map(d -> new DateOverrideView(date(d[0]), (Boolean) d[1], time(d[2]), time(d[3]),
                breaksByDay.getOrDefault(date(d[0]), List.of()), (Integer) d[4])).toList();
    }

    private void write(UUID orgId, UUID userId, DateOverrideView o) {
        delete(userId, o.date());
        em.createNativeQuery("""
                        insert into date_override (org_id, user_id, day, enabled, start_time, end_time, daily_cap)
                        values (:org, :user, :day, :enabled, cast(:start as time), cast(:end as time), cast(:cap as integer))
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("day", o.date())
                .setParameter("enabled", o.enabled()).setParameter("start", text(o.start())).setParameter("end", text(o.end()))
                .setParameter("cap", o.dailyCap() == null ? null : o.dailyCap().toString()).executeUpdate();
        for (Break b : o.breaks()) {
            em.createNativeQuery("""
                            insert into date_override_break (org_id, user_id, day, start_time, end_time)
                            values (:org, :user, :day, cast(:start as time), cast(:end as time))
                            """)
                    .setParameter("org", orgId).setParameter("user", userId).setParameter("day", o.date())
                    .setParameter("start", text(b.start())).setParameter("end", text(b.end())).executeUpdate();
        }
    }

    private void delete(UUID userId, LocalDate date) {
        em.createNativeQuery("delete from date_override where user_id = :user and day = :day")
                .setParameter("user", userId).setParameter("day", date).executeUpdate();
    }

    private static Map<String, Object> auditFields(DateOverrideView o) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", o.date().toString());
        fields.put("enabled", o.enabled());
        fields.put("hours", o.start() == null ? null : o.start() + "-" + o.end());
        fields.put("breaks", o.breaks().stream().map(b -> b.start() + "-" + b.end()).toList());
        fields.put("dailyCap", o.dailyCap());
        return fields;
    }

    private static LocalDate date(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    private static LocalTime time(Object value) {
        return value == null ? null : LocalTime.parse((String) value);
    }

    private static String text(LocalTime time) {
        return time == null ? null : time.toString();
    }
}
