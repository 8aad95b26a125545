package dev.kaigi.integration.meeting;

import java.time.Instant;

/**
 * One effect done (or skipped, or refused) for a booking, as its log shows it.
 *
 * @param sequence the booking's SEQUENCE at the event that set it off (0: booked)
 * @param kind e.g. {@code ZOOM_MEETING}, {@code CALENDAR_DELETE}, {@code LEAD_MAIL}, {@code REMINDER_MAIL}
 * @param result what the provider answered: the meeting's URL, the calendar event's id, the Slack message's ts
 * @param detail the provider's ids or why it was skipped or refused, e.g. {@code zoom-meeting 81234567890},
 *               {@code GOOGLE}, {@code no-calendar}, {@code slack: channel_not_found}, {@code 60 minutes before};
 *               for PENDING how often it was tried
 * @param completedAt when it was recorded; for PENDING, when it was first tried
 */
public record SideEffectView(int sequence, String kind, SideEffects.Outcome outcome, String result, String detail,
                             Instant completedAt) {
}
