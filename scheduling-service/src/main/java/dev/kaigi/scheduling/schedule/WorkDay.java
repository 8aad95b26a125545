package dev.kaigi.scheduling.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** One weekday of a schedule: enabled or not, its working window and its daily meeting cap (SCH-01, SCH-02). */
@Embeddable
public class WorkDay {

    @Enumerated(EnumType.STRING)
    public DayOfWeek weekday;

    public boolean enabled;

    @Column(name = "start_time")
    public LocalTime start;

    @Column(name = "end_time")
    public LocalTime end;

    /** Null: unlimited. */
    @Column(name = "daily_cap")
    public Integer dailyCap;

    public WorkDay() {
    }

    public WorkDay(DayOfWeek weekday, boolean enabled, LocalTime start, LocalTime end, Integer dailyCap) {
        this.weekday = weekday;
        this.enabled = enabled;
        this.start = start;
        this.end = end;
        this.dailyCap = dailyCap;
    }

    WorkDay copy() {
        return new WorkDay(weekday, enabled, start, end, dailyCap);
    }
}
