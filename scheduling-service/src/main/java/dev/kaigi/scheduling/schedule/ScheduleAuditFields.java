package dev.kaigi.scheduling.schedule;

import dev.kaigi.scheduling.schedule.ApplyScheduleToOthersService.ApplicableField;
import dev.kaigi.scheduling.schedule.ApplyScheduleToOthersService.WorkScheduleState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the audit trail shows it (SEC-02): its zone and the fields of "apply to others"
 * (weekly hours, breaks, daily caps, opportunity cap), each by weekday, so a change shows only the
 * parts that moved.
 */
final class ScheduleAuditFields {

    private ScheduleAuditFields() {
    }

    static Map<String, Object> of(WorkSchedule s) {
        WorkScheduleState state = new WorkScheduleState(ScheduleMapping.weekdays(s), s.opportunityCap, List.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("timeZone", s.timeZone);
        for (ApplicableField f : ApplicableField.values()) {
            if (f != ApplicableField.DATE_OVERRIDES) { // audited by their own actions
                fields.put(f.field, f.read.apply(state));
            }
        }
        return fields;
    }
}
