package dev.kaigi.scheduling.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A break inside a weekday's working window (SCH-01). */
@Embeddable
public class WorkBreak {

    @Enumerated(EnumType.STRING)
    public DayOfWeek weekday;

    @Column(name = "start_time")
    public LocalTime start;

    @Column(name = "end_time")
    public LocalTime end;

    public WorkBreak() {
    }

    public WorkBreak(DayOfWeek weekday, LocalTime start, LocalTime end) {
        this.weekday = weekday;
        this.start = start;
        this.end = end;
    }
}
