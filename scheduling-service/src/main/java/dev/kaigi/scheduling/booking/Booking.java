package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.ConferencingMethod;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A meeting a lead booked and the host it was given (SCH-08). Inserted by {@link BookingWriter}
 * and moved by {@link BookingMover} with plain SQL (the exclusion constraint's answer decides the
 * race); read and cancelled here.
 */
@Entity
@Table(name = "booking")
public class Booking {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "host_user_id")
    public UUID hostUserId;

    @Column(name = "meeting_type_id")
    public UUID meetingTypeId;

    @Column(name = "meeting_type_name")
    public String meetingTypeName;

    @Enumerated(EnumType.STRING)
    @Column(name = "conferencing_method")
    public ConferencingMethod conferencingMethod;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(name = "blocked_from")
    public Instant blockedFrom;

    @Column(name = "blocked_to")
    public Instant blockedTo;

    /** The host_day counter this booking takes: the start's date in the host's zone (SCH-03). */
    @Column(name = "host_day")
    public LocalDate hostDay;

    @Column(name = "host_time_zone")
    public String hostTimeZone;

    @Enumerated(EnumType.STRING)
    public BookingStatus status;

    @Column(name = "lead_name")
    public String leadName;

    @Column(name = "lead_email")
    public String leadEmail;

    @Column(name = "lead_company")
    public String leadCompany;

    @Column(name = "lead_locale")
    public String leadLocale;

    public String notes;

    @Column(name = "via_public_page")
    public boolean viaPublicPage;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "cancel_reason")
    public String cancelReason;

    /** The invitation's SEQUENCE (MTG-01) and the booking's version: raised by every change. */
    public int sequence;

    @Column(name = "lead_time_zone")
    public String leadTimeZone;

    /** SHA-256 of the manage link's token (MTG-02). */
    @Column(name = "manage_token_hash")
    public byte[] manageTokenHash;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The join link integration-service created for the meeting, once it did. */
    @Column(name = "conference_url")
    public String conferenceUrl;

    /** MTG-07: when the lead is reminded, in minutes before the meeting: its type's reminders when it was booked. */
    @Column(name = "reminder_minutes_before")
    public int[] reminderMinutesBefore = new int[0];
}
