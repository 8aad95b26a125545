package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.events.scheduling.ConferencingMethod;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A kind of meeting leads can book (SCH-06): its length, how it is held, and its slot rules. The pool is {@link MeetingTypeHost}. */
@Entity
@Table(name = "meeting_type")
public class MeetingType {

    /** The longest meeting and buffer (also the table's checks): what bounds how long one booking blocks a host. */
    public static final int MAX_DURATION_MINUTES = 480;
    public static final int MAX_BUFFER_MINUTES = 240;
    /** MTG-07: at most this many reminders, none earlier than this many minutes (30 days) before the meeting. */
    public static final int MAX_REMINDERS = 5;
    public static final int MAX_REMINDER_MINUTES = 43_200;

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    public String name;

    @Column(name = "duration_minutes")
    public int durationMinutes;

    @Enumerated(EnumType.STRING)
    @Column(name = "conferencing_method")
    public ConferencingMethod conferencingMethod;

    @Column(name = "slot_step_minutes")
    public int slotStepMinutes;

    @Column(name = "minimum_notice_minutes")
    public int minimumNoticeMinutes;

    @Column(name = "booking_horizon_days")
    public int bookingHorizonDays;

    @Column(name = "buffer_before_minutes")
    public int bufferBeforeMinutes;

    @Column(name = "buffer_after_minutes")
    public int bufferAfterMinutes;

    /** MTG-07: when leads are reminded, in minutes before the meeting, ascending; empty for no reminders. */
    @Column(name = "reminder_minutes_before")
    public int[] reminderMinutesBefore = new int[0];

    /** What public booking pages name the type by; random and unguessable, never the row id. */
    @Column(name = "public_booking_id")
    public String publicBookingId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
