package dev.kaigi.scheduling.schedule;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A user's work schedule, or (with no user) the organization's default schedule: a time zone,
 * seven weekdays with windows, breaks and daily caps, and the Salesforce open-opportunity cap
 * (SCH-01, SCH-02, SCH-04, SCH-05). Its version is the ETag.
 */
@Entity
@Table(name = "work_schedule")
public class WorkSchedule {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    /** Null for the organization's default schedule. */
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "time_zone")
    public String timeZone;

    /** Null: no opportunity cap (SCH-04). */
    @Column(name = "opportunity_cap")
    public Integer opportunityCap;

    /** The zone is Asia/Tokyo only because the organization's zone was not known yet (SCH-05). */
    @Column(name = "zone_provisional")
    public boolean zoneProvisional;

    @ElementCollection
    @CollectionTable(name = "work_day", joinColumns = @JoinColumn(name = "schedule_id"))
    public List<WorkDay> days = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "work_break", joinColumns = @JoinColumn(name = "schedule_id"))
    public List<WorkBreak> breaks = new ArrayList<>();

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** The seven days, Monday first. */
    public List<WorkDay> week() {
        return days.stream().sorted(Comparator.comparing(d -> d.weekday)).toList();
    }

    public WorkDay day(DayOfWeek weekday) {
        return days.stream().filter(d -> d.weekday == weekday).findFirst().orElseThrow();
    }

    /** The breaks of {@code weekday}, earliest first. */
    public List<WorkBreak> breaks(DayOfWeek weekday) {
        return breaks.stream().filter(b -> b.weekday == weekday).sorted(Comparator.comparing(b -> b.start)).toList();
    }
}
