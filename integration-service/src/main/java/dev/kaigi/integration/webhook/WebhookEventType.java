package dev.kaigi.integration.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The events a partner can subscribe to (HOOK-01), by the name a delivery's {@code type} carries. */
public enum WebhookEventType {
    MEETING_BOOKED("meeting.booked"),
    MEETING_CANCELLED("meeting.cancelled"),
    MEETING_RESCHEDULED("meeting.rescheduled"),
    MEETING_REASSIGNED("meeting.reassigned"),
    USER_INVITED("user.invited"),
    USER_JOINED("user.joined"),
    USER_DEACTIVATED("user.deactivated"),
    USER_DELETED("user.deleted"),
    SEAT_ASSIGNED("seat.assigned"),
    SEAT_RELEASED("seat.released");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
