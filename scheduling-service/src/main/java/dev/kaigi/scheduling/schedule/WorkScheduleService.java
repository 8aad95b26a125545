package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.audit.AuditAction;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.host.HostReadModel;
import dev.kaigi.scheduling.host.HostRepository;
import dev.kaigi.scheduling.schedule.ScheduleJson.DefaultWorkScheduleView;
import dev.kaigi.scheduling.schedule.ScheduleJson.Weekday;
import dev.kaigi.scheduling.schedule.ScheduleJson.WorkScheduleRequest;
import dev.kaigi.scheduling.schedule.ScheduleJson.WorkScheduleView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Users' work schedules and the organization's defaults (SCH-01, SCH-02, SCH-04, SCH-05). */
@ApplicationScoped
public class WorkScheduleService {

    private static final Logger LOG = Logger.getLogger(WorkScheduleService.class);

    @Inject
    WorkScheduleRepository schedules;
    @Inject
    HostRepository hosts;
    @Inject
    HostReadModel readModel;
    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** The schedule of a current member of the organization, as the API shows it; anyone else is not found (ORG-01). */
    @Transactional
    public WorkScheduleView view(UUID orgId, UUID userId) {
        return WorkScheduleView.of(get(orgId, userId));
    }

    /** The schedule entity of a current member of the organization; anyone else is not found (ORG-01). */
    @Transactional
    WorkSchedule get(UUID orgId, UUID userId) {
        hosts.member(orgId, userId).orElseThrow(() -> ProblemException.notFound("user"));
        WorkSchedule s = schedules.ofUser(orgId, userId).orElseThrow(() -> ProblemException.notFound("work-schedule"));
        s.week(); // read the weekdays inside the transaction
        s.breaks.size();
        return s;
    }

    /** Replaces a user's schedule if it is still at {@code expectedVersion} (412 otherwise). */
    @Transactional
    public WorkScheduleView replace(UUID orgId, UUID userId, WorkScheduleRequest request, long expectedVersion) {
        validate(request);
        WorkSchedule s = get(orgId, userId);
        requireVersion(s, expectedVersion);
        Map<String, Object> before = ScheduleAuditFields.of(s);
        write(s, request.timeZone(), request.weekdays(), request.opportunityCap());
        audit.record(AuditChange.of(orgId, AuditAction.WORK_SCHEDULE_UPDATED).targetUser(userId)
                .changedFields(before, ScheduleAuditFields.of(s)));
        return flushed(s);
    }

    /** The schedule as the API shows it after the change, its version raised (the ETag a client sends next). */
    private WorkScheduleView flushed(WorkSchedule s) {
        schedules.flush();
        return WorkScheduleView.of(s);
    }

    /**
     * SCH-05 "apply defaults": the organization's defaults (the system defaults when it has none)
     * replace the user's zone, weekdays, caps and opportunity cap.
     */
    @Transactional
    public WorkScheduleView applyDefaults(UUID orgId, UUID userId, Long expectedVersion) {
        WorkSchedule s = get(orgId, userId);
        if (expectedVersion != null) {
            requireVersion(s, expectedVersion);
        }
        DefaultWorkScheduleView defaults = defaults(orgId);
        Map<String, Object> before = ScheduleAuditFields.of(s);
        write(s, defaults.timeZone(), defaults.weekdays(), defaults.opportunityCap());
        audit.record(AuditChange.of(orgId, AuditAction.WORK_SCHEDULE_DEFAULTS_APPLIED).targetUser(userId)
                .changedFields(before, ScheduleAuditFields.of(s)));
        return flushed(s);
    }

    /** The organization's default schedule, or the system defaults in the organization's zone. */
    @Transactional
    public DefaultWorkScheduleView defaults(UUID orgId) {
        return schedules.organizationDefault(orgId)
                .map(d -> new DefaultWorkScheduleView(true, d.timeZone, ScheduleMapping.weekdays(d), d.opportunityCap))
                .orElseGet(() -> new DefaultWorkScheduleView(false, organizationZone(orgId).orElse(ScheduleMapping.FALLBACK_ZONE),
                        ScheduleMapping.systemDefaultWeek(), null));
    }

    /** The configured default's version (its ETag), if there is one. */
    @Transactional
    public Optional<Long> defaultsVersion(UUID orgId) {
        return schedules.organizationDefault(orgId).map(d -> d.version);
    }

    /**
     * An OWNER sets the organization's defaults. The first write creates them (a racing second
     * creation loses on the unique index: 409); later writes need the version read.
     */
    @Transactional
    public WorkSchedule replaceDefaults(UUID orgId, WorkScheduleRequest request, Long expectedVersion) {
        validate(request);
        Optional<WorkSchedule> existing = schedules.organizationDefault(orgId);
        if (existing.isPresent() && expectedVersion == null) {
            throw new ProblemException(428, "precondition-required");
        }
        WorkSchedule d = existing.orElseGet(() -> newSchedule(orgId, null));
        if (existing.isPresent()) {
            requireVersion(d, expectedVersion);
        }
        Map<String, Object> before = existing.map(ScheduleAuditFields::of).orElse(null);
        write(d, request.timeZone(), request.weekdays(), request.opportunityCap());
        AuditChange change = AuditChange.of(orgId, AuditAction.DEFAULT_WORK_SCHEDULE_SET);
        Map<String, Object> after = ScheduleAuditFields.of(d);
        audit.record(before == null ? change.after(after) : change.changedFields(before, after));
        return d;
    }

    /**
     * SCH-05: a user user-service announced starts with the organization's defaults, or the
     * system defaults in the organization's zone (Asia/Tokyo until that is known). Runs inside the
     * event's transaction; a user who has a schedule keeps it.
     */
    public void provideInitial(UUID orgId, UUID userId) {
        if (hosts.member(orgId, userId).isEmpty() || schedules.ofUser(orgId, userId).isPresent()) {
            return;
        }
        WorkSchedule s = newSchedule(orgId, userId);
        Optional<WorkSchedule> orgDefault = schedules.organizationDefault(orgId);
        if (orgDefault.isPresent()) {
            WorkSchedule d = orgDefault.get();
            write(s, d.timeZone, ScheduleMapping.weekdays(d), d.opportunityCap);
        } else {
            Optional<String> zone = organizationZone(orgId);
            s.zoneProvisional = zone.isEmpty();
            writeKeepingZoneFlag(s, zone.orElse(ScheduleMapping.FALLBACK_ZONE), ScheduleMapping.systemDefaultWeek(), null);
        }
    }

    /**
     * organization-created: records the organization's zone, and moves the schedules made before
     * it was known (and not edited since) to it. An unusable zone leaves Asia/Tokyo.
     */
    public void organizationCreated(UUID orgId, String timeZone) {
        if (!Params.isZone(timeZone)) {
            LOG.warnf("organization %s announced an unknown time zone %s; its schedules keep %s", orgId, timeZone,
                    ScheduleMapping.FALLBACK_ZONE);
            readModel.ensureOrganization(orgId);
            return;
        }
        readModel.recordOrganization(orgId, timeZone);
        schedules.update("timeZone = ?2, zoneProvisional = false, version = version + 1, updatedAt = ?3"
                + " where orgId = ?1 and zoneProvisional = true", orgId, timeZone, Instant.now());
    }

    /** 400 naming every offending field; nothing is changed. */
    static void validate(WorkScheduleRequest request) {
        List<FieldViolation> violations = ScheduleRules.check(request.timeZone(), request.weekdays(), "");
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "validation-failed", violations);
        }
    }

    static void requireVersion(WorkSchedule s, long expected) {
        if (s.version != expected) {
            throw new ProblemException(412, "precondition-failed");
        }
    }

    /** Writes valid content chosen by someone (so the zone is no longer a guess) and flushes, for the ETag. */
    void write(WorkSchedule s, String timeZone, List<Weekday> weekdays, Integer opportunityCap) {
        s.zoneProvisional = false;
        writeKeepingZoneFlag(s, timeZone, weekdays, opportunityCap);
    }

    private void writeKeepingZoneFlag(WorkSchedule s, String timeZone, List<Weekday> weekdays, Integer opportunityCap) {
        s.timeZone = timeZone;
        ScheduleMapping.setWeekdays(s, weekdays);
        s.opportunityCap = opportunityCap;
        s.updatedAt = Instant.now();
        if (!em.contains(s)) {
            schedules.persist(s);
        }
        schedules.flush();
    }

    private static WorkSchedule newSchedule(UUID orgId, UUID userId) {
        WorkSchedule s = new WorkSchedule();
        s.id = UUID.randomUUID();
        s.orgId = orgId;
        s.userId = userId;
        return s;
    }

    private Optional<String> organizationZone(UUID orgId) {
        List<?> zone = em.createNativeQuery("select time_zone from organization where org_id = :org and time_zone is not null")
                .setParameter("org", orgId).getResultList();
        return zone.stream().map(Object::toString).findFirst();
    }
}
