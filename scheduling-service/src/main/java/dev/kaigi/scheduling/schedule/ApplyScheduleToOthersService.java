package dev.kaigi.scheduling.schedule;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.audit.AuditAction;
import dev.kaigi.scheduling.schedule.ScheduleJson.Break;
import dev.kaigi.scheduling.schedule.ScheduleJson.Weekday;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.kaigi.scheduling.schedule.DateOverrideJson.DateOverrideView;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * BLK-05 (schedule part), "他のユーザーにも反映させる": an OWNER copies chosen schedule fields from
 * one user to chosen others in one transaction; a dry run reports the changes without making them.
 * Same request and response shape as user-service's profile version. The time zone is not among
 * the fields the source pages list, so it is never copied.
 */
@ApplicationScoped
public class ApplyScheduleToOthersService {

    /** The schedule fields BLK-05 allows to apply, and what each looks like in a change report. */
    public enum ApplicableField {
        /** Enabled weekdays and their working windows (就業時間帯). */
        WEEKLY_HOURS("weeklyHours", s -> weekMap(s, w -> new Hours(w.enabled(), w.start(), w.end()))),
        /** 休憩時間帯. */
        BREAKS("breaks", s -> weekMap(s, Weekday::breaksOrNone)),
        /** 日次面談上限. */
        DAILY_CAPS("dailyCaps", s -> weekMap(s, Weekday::dailyCap)),
        /** Salesforce参照の保有商談上限数. */
        OPPORTUNITY_CAP("opportunityCap", s -> s.opportunityCap),
        /** AVL-01: the source's date overrides from yesterday on replace the target's. */
        DATE_OVERRIDES("dateOverrides", s -> s.overrides);

        final String field;
        final Function<WorkScheduleState, Object> read;

        ApplicableField(String field, Function<WorkScheduleState, Object> read) {
            this.field = field;
            this.read = read;
        }
    }

    /** A weekday's working hours in a change report. */
    public record Hours(Boolean enabled, @JsonFormat(pattern = ScheduleJson.HH_MM) LocalTime start,
                        @JsonFormat(pattern = ScheduleJson.HH_MM) LocalTime end) {
    }

    /** One field's value before and after, for one target. */
    public record FieldChange(Object from, Object to) {
    }

    /** What applying does (or would do) to one target. */
    public record TargetChange(UUID userId, Map<String, FieldChange> changes) {
    }

    /** A schedule's applicable content: its weekdays Monday first, its opportunity cap and its date overrides to come. */
    record WorkScheduleState(List<Weekday> week, Integer opportunityCap, List<DateOverrideView> overrides) {
    }

    @Inject
    WorkScheduleService schedules;
    @Inject
    AuditTrail audit;
    @Inject
    DateOverrideService dateOverrides;

    @Transactional
    public List<TargetChange> apply(UUID orgId, UUID sourceId, Set<ApplicableField> fields, List<UUID> targetIds, boolean dryRun) {
        WorkSchedule source = schedules.get(orgId, sourceId);
        LocalDate since = LocalDate.now(ZoneId.of(source.timeZone)).minusDays(1);
        WorkScheduleState from = new WorkScheduleState(ScheduleMapping.weekdays(source), source.opportunityCap,
                dateOverrides.upcoming(sourceId, since));
        List<UUID> targets = new ArrayList<>(new LinkedHashSet<>(targetIds));
        targets.remove(sourceId);
        List<WorkSchedule> targetSchedules = new ArrayList<>();
        for (UUID targetId : targets) {
            try {
                targetSchedules.add(schedules.get(orgId, targetId));
            } catch (ProblemException notFound) {
                throw ProblemException.invalidField("targetUserIds[" + targetIds.indexOf(targetId) + "]", "unknown-reference");
            }
        }
        List<TargetChange> result = new ArrayList<>();
        List<FieldViolation> conflicts = new ArrayList<>();
        List<WorkScheduleState> outcomes = new ArrayList<>();
        for (WorkSchedule target : targetSchedules) {
            WorkScheduleState before = new WorkScheduleState(ScheduleMapping.weekdays(target), target.opportunityCap,
                    dateOverrides.upcoming(target.userId, since));
            WorkScheduleState after = merge(before, from, fields);
            Map<String, FieldChange> changes = new LinkedHashMap<>();
            for (ApplicableField f : ApplicableField.values()) {
                Object was = f.read.apply(before);
                Object becomes = f.read.apply(after);
                if (fields.contains(f) && !Objects.equals(was, becomes)) {
                    changes.put(f.field, new FieldChange(was, becomes));
                }
            }
            // e.g. the source's breaks outside this target's own hours, or a cap on a day it has off
            conflicts.addAll(ScheduleRules.check(null, after.week(),
                    "targetUserIds[" + targetIds.indexOf(target.userId) + "]."));
            result.add(new TargetChange(target.userId, changes));
            outcomes.add(after);
        }
        if (!conflicts.isEmpty()) {
            throw new ProblemException(409, "schedule-conflict", conflicts);
        }
        if (!dryRun) {
            List<AuditChange> applied = new ArrayList<>();
            for (int i = 0; i < targetSchedules.size(); i++) {
                if (!result.get(i).changes().isEmpty()) {
                    WorkSchedule target = targetSchedules.get(i);
                    schedules.write(target, target.timeZone, outcomes.get(i).week(), outcomes.get(i).opportunityCap());
                    if (result.get(i).changes().containsKey(ApplicableField.DATE_OVERRIDES.field)) {
                        dateOverrides.copy(sourceId, target.userId, orgId, since);
                    }
                    applied.add(auditChange(orgId, result.get(i)));
                }
            }
            audit.recordAll(applied);
        }
        return result;
    }

    /** The target's changed fields as they were and became, as user-service records its own "apply to others". */
    private static AuditChange auditChange(UUID orgId, TargetChange change) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        change.changes().forEach((field, c) -> {
            before.put(field, c.from());
            after.put(field, c.to());
        });
        return AuditChange.of(orgId, AuditAction.SCHEDULE_FIELDS_APPLIED).targetUser(change.userId()).before(before).after(after);
    }

    private static WorkScheduleState merge(WorkScheduleState target, WorkScheduleState source, Set<ApplicableField> fields) {
        List<Weekday> week = new ArrayList<>();
        for (int i = 0; i < target.week().size(); i++) {
            Weekday t = target.week().get(i);
            Weekday s = source.week().get(i);
            Weekday hours = fields.contains(ApplicableField.WEEKLY_HOURS) ? s : t;
            List<Break> breaks = (fields.contains(ApplicableField.BREAKS) ? s : t).breaksOrNone();
            Integer cap = (fields.contains(ApplicableField.DAILY_CAPS) ? s : t).dailyCap();
            week.add(new Weekday(t.day(), hours.enabled(), hours.start(), hours.end(), breaks, cap));
        }
        return new WorkScheduleState(week,
                fields.contains(ApplicableField.OPPORTUNITY_CAP) ? source.opportunityCap() : target.opportunityCap(),
                fields.contains(ApplicableField.DATE_OVERRIDES) ? source.overrides() : target.overrides());
    }

    private static Map<DayOfWeek, Object> weekMap(WorkScheduleState s, Function<Weekday, Object> value) {
        Map<DayOfWeek, Object> byDay = new EnumMap<>(DayOfWeek.class);
        s.week().forEach(w -> byDay.put(w.day(), value.apply(w)));
        return byDay;
    }
}
