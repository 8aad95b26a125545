package dev.kaigi.events;

import dev.kaigi.events.licensing.Plan;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A payload of each event type as a reader of the catalogue would expect to see it: {@link Samples}' full instance,
 * with a person's name where the record has a name, an address where it has an email, meetings that end after
 * they start. Built from the records, so an example always has the record's current shape; a new text component
 * must be given a value here (the generator refuses to make one up).
 */
final class ExamplePayloads {

    /** When the example events happen; ce_time of every example. */
    static final Instant EVENT_TIME = Instant.parse("2026-03-02T08:15:00Z");

    private static final String USER_EMAIL = "ines.moreau@acme.example";
    private static final String LEAD_EMAIL = "kenji.tanaka@tanaka-logistics.example";

    /** The user of the examples is also the host of their meetings. */
    private static final UUID USER_ID = Samples.uuid("userId");
    private static final UUID HEIR_ID = Samples.uuid("transferToUserId");

    /** By {@code Record.component}, then by {@code component}. */
    private static final Map<String, Object> VALUES = Map.ofEntries(
            Map.entry("hostUserId", USER_ID),
            Map.entry("toHostUserId", USER_ID),
            Map.entry("previousHostUserId", USER_ID),
            Map.entry("DeletionTransfers.futureBookings", HEIR_ID),
            Map.entry("DeletionTransfers.poolMemberships", HEIR_ID),
            Map.entry("DeletionTransfers.salesforceRecords", HEIR_ID),
            Map.entry("DeletionTransfers.notificationSubscriptions", HEIR_ID),
            Map.entry("OrganizationCreated.name", "Acme Corporation"),
            Map.entry("organizationName", "Acme Corporation"),
            Map.entry("PermissionProfileSaved.name", "Sales managers"),
            Map.entry("firstName", "Inès"),
            Map.entry("lastName", "Moreau"),
            Map.entry("locale", "fr"),
            Map.entry("role", Role.MEMBER),
            Map.entry("UserJoined.status", UserStatus.ACTIVE),
            Map.entry("joinedVia", JoinedVia.INVITATION_ACCEPTED),
            Map.entry("UserConverted.fromType", UserType.TEAM),
            Map.entry("UserConverted.toType", UserType.REGULAR),
            Map.entry("invitationToken", "q3Zt8VhK1xN0bL5cR7mYwE2uJ9aD4fGs"),
            Map.entry("expiresAt", EVENT_TIME.plusSeconds(7 * 86_400)),
            Map.entry("slackMemberId", "U05F3KQ7Z2M"),
            Map.entry("zoomPersonalMeetingUrl", "https://acme.zoom.us/j/4155550123"),
            Map.entry("emailSignature", "Inès Moreau · Account Executive · Acme Corporation"),
            Map.entry("contact", "+33 1 84 88 12 34"),
            Map.entry("changedFields", "lastName"),
            Map.entry("permissions", List.of(ProfilePermission.MANAGE_USERS, ProfilePermission.SEE_REPORTS)),
            Map.entry("leadEmailHash", LeadErased.hashOf(LEAD_EMAIL)),
            Map.entry("fromPlan", Plan.STANDARD),
            Map.entry("toPlan", Plan.PROFESSIONAL),
            Map.entry("teamLicencesAvailable", true),
            Map.entry("SeatReleased.reason", SeatReleaseReason.USER_DEACTIVATED),
            Map.entry("meetingTypeName", "Product demo"),
            Map.entry("startsAt", Instant.parse("2026-03-10T09:00:00Z")),
            Map.entry("endsAt", Instant.parse("2026-03-10T09:30:00Z")),
            Map.entry("previousStartsAt", Instant.parse("2026-03-09T14:00:00Z")),
            Map.entry("previousEndsAt", Instant.parse("2026-03-09T14:30:00Z")),
            Map.entry("leadName", "Kenji Tanaka"),
            Map.entry("leadEmail", LEAD_EMAIL),
            Map.entry("leadCompany", "Tanaka Logistics"),
            Map.entry("leadLocale", "ja"),
            Map.entry("leadTimeZone", "Asia/Tokyo"),
            Map.entry("calendarUid", MeetingCalendar.uid(Samples.uuid("bookingId"))),
            Map.entry("MeetingBooked.sequence", 0),
            Map.entry("sequence", 1),
            Map.entry("reminderMinutesBefore", List.of(1440, 60)),
            Map.entry("MeetingCancelled.reason", "The lead asked to meet next quarter instead."),
            Map.entry("MeetingRescheduled.reason", "The lead has a board meeting at the original time."),
            Map.entry("MeetingReassigned.reason", ReassignmentReason.MANUAL),
            Map.entry("MeetingReassigned.actor", MeetingActor.ADMIN),
            Map.entry("joinUrl", "https://acme.zoom.us/j/93817264501"),
            Map.entry("personalMeetingUrl", false),
            Map.entry("zoomAccountId", "xV3pQ9rTS2eWm7YkLd0b4A"),
            Map.entry("windowStart", Instant.parse("2026-03-02T00:00:00Z")),
            Map.entry("windowEnd", Instant.parse("2026-03-16T00:00:00Z")),
            Map.entry("BusyInterval.start", Instant.parse("2026-03-10T13:00:00Z")),
            Map.entry("BusyInterval.end", Instant.parse("2026-03-10T14:00:00Z")),
            Map.entry("openOpportunities", 4));

    private ExamplePayloads() {
    }

    static EventPayload of(EventType<?> type) {
        return Samples.full(type.payloadType(), ExamplePayloads::valueOf);
    }

    /** Ids, enums and flags not listed keep {@link Samples}' values: an id per name, the first constant. */
    private static Object valueOf(RecordComponent component, Type type) {
        String name = component.getName();
        Object listed = VALUES.get(component.getDeclaringRecord().getSimpleName() + "." + name);
        if (listed == null) {
            listed = VALUES.get(name);
        }
        if (listed != null && fits(listed, type)) {
            return listed;
        }
        if (type == String.class) {
            if (name.equalsIgnoreCase("email") || name.endsWith("Email")) {
                return USER_EMAIL;
            } else if (name.equalsIgnoreCase("timeZone") || name.endsWith("TimeZone")) {
                return "Europe/Paris";
            }
            throw new IllegalStateException("No example value for " + component.getDeclaringRecord().getSimpleName()
                    + "." + name + "; give it a realistic one in " + ExamplePayloads.class.getSimpleName());
        } else if (type == Instant.class) {
            return EVENT_TIME;
        } else if (type instanceof Class<?> cls && cls.isEnum()) {
            return cls.getEnumConstants()[0];
        }
        return null;
    }

    /** A list is listed whole, or as the value of each of its elements. */
    private static boolean fits(Object value, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return value instanceof List<?> && parameterized.getRawType() == List.class;
        }
        Class<?> cls = (Class<?>) type;
        return cls.isPrimitive() ? (cls == int.class && value instanceof Integer) || (cls == long.class && value instanceof Long)
                || (cls == boolean.class && value instanceof Boolean) : cls.isInstance(value);
    }
}
