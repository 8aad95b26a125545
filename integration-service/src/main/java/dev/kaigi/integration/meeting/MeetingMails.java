package dev.kaigi.integration.meeting;

import dev.kaigi.integration.mail.MailSender;
import dev.kaigi.integration.mail.MailTemplates;
import dev.kaigi.integration.mail.MessageIds;
import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Map;

/**
 * The mails of a booking's steps (INT-05, MTG-01, MTG-06): the lead's, sent for the host (their signature,
 * replies to them, the lead's language and zone) with the calendar invitation and the manage link; the host's;
 * and, when the meeting changed hands, the previous host's. Each mail's {@code Message-ID} is derived from the
 * booking, the step and the kind of mail, so one sent again after a crash is recognisably the same.
 */
@ApplicationScoped
class MeetingMails {

    @Inject
    MailTemplates templates;
    @Inject
    MailSender mail;
    @Inject
    UserDirectory users;
    @Inject
    ManageLinks links;
    @Inject
    MessageIds messageIds;
    @ConfigProperty(name = "quarkus.mailer.from")
    String from;

    /** The lead's mail: the booking, its change or its cancellation, with the invitation that carries it to their calendar. */
    Done lead(MeetingChange c, UserProfile host, String joinUrl) {
        String template = switch (c.step()) {
            case BOOKED -> "meeting-lead";
            case RESCHEDULED, REASSIGNED -> "meeting-lead-updated";
            case CANCELLED -> "meeting-lead-cancelled";
        };
        Map<String, Object> data = leadData(c, host, joinUrl);
        mail.send(messageId(c, Kind.LEAD_MAIL), c.leadEmail(), host == null ? null : host.email,
                templates.render(template, c.leadLocale(), data),
                invitation(c, host, joinUrl, (String) data.get("organizationName"), (String) data.get("manageUrl")).attachment());
        return Done.done(null, null);
    }

    /**
     * The lead's reminder of the meeting (MTG-07), sent for its host as the other mails are. The host is the one
     * the latest step named; their profile is read now, for the name and signature they have today.
     */
    void reminder(MeetingChange c, String joinUrl, int minutesBefore) {
        UserProfile host = users.inOrganization(c.orgId(), c.hostUserId()).orElse(null);
        mail.send(messageIds.of(c.bookingId(), c.sequence(), "REMINDER_" + minutesBefore, null), c.leadEmail(),
                host == null ? null : host.email,
                templates.render("meeting-lead-reminder", c.leadLocale(), leadData(c, host, joinUrl)), null);
    }

    private Map<String, Object> leadData(MeetingChange c, UserProfile host, String joinUrl) {
        Map<String, Object> data = data(c, c.leadLocale(), c.leadZone(), host, joinUrl);
        data.put("organizationName", users.organizationName(c.orgId()).orElse("Kaigi"));
        // INT-05: the mail goes out for the host, so it carries their signature and replies reach them
        data.put("signature", host == null || host.emailSignature == null || host.emailSignature.isBlank()
                ? null : host.emailSignature.strip());
        data.put("manageUrl", links.manage(c.bookingId()));
        // USR-08: whom the lead may ask, as the host gave it
        data.put("hostContact", host == null || host.contact == null || host.contact.isBlank() ? null : host.contact.strip());
        // every key the templates name must be there, null or not (Qute refuses a missing one)
        data.put("rebookUrl", c.cancelled() && MeetingChange.HOST_UNAVAILABLE.equals(c.reason()) && c.meetingTypeId() != null
                ? links.bookAgain(c.meetingTypeId()) : null);
        return data;
    }

    /** The host's mail: a meeting new to them, moved, or cancelled. */
    Done host(MeetingChange c, UserProfile host, String joinUrl) {
        String template = c.cancelled() ? "meeting-host-cancelled" : c.newToHost() ? "meeting-host" : "meeting-host-moved";
        Map<String, Object> data = data(c, host.locale, c.hostTimeZone(), host, joinUrl);
        data.put("reason", c.cancelled() ? c.reason() : null);
        mail.send(messageId(c, Kind.HOST_MAIL), host.email, null, templates.render(template, host.locale, data), null);
        return Done.done(null, null);
    }

    /** The previous host's mail: the meeting is someone else's now. */
    Done previousHost(MeetingChange c, UserProfile previous, UserProfile host) {
        Map<String, Object> data = data(c, previous.locale, c.hostTimeZone(), previous, null);
        data.put("newHostName", host == null ? "" : host.displayName());
        mail.send(messageId(c, Kind.PREVIOUS_HOST_MAIL), previous.email, null,
                templates.render("meeting-host-handed-over", previous.locale, data), null);
        return Done.done(null, null);
    }

    /**
     * A subscriber's mail (LIF-05): the step as the host's mail tells it, in the subscriber's language and the host's
     * zone (the subscriber's own is not known here).
     */
    Done subscriber(MeetingChange c, UserProfile subscriber, UserProfile host, String joinUrl) {
        Map<String, Object> data = data(c, subscriber.locale, c.hostTimeZone(), host, joinUrl);
        data.put("step", c.step().name());
        data.put("subscriberName", subscriber.displayName());
        mail.send(messageIds.of(c.bookingId(), c.sequence(), Kind.SUBSCRIBER_MAIL.name(), subscriber.userId),
                subscriber.email, null, templates.render("meeting-subscriber", subscriber.locale, data), null);
        return Done.done(null, null);
    }

    private String messageId(MeetingChange c, Kind kind) {
        return messageIds.of(c.bookingId(), c.sequence(), kind.name(), null);
    }

    private MeetingInvitation invitation(MeetingChange c, UserProfile host, String joinUrl, String organization,
                                         String manageUrl) {
        boolean ja = "ja".equals(templates.language(c.leadLocale()));
        String hostName = host == null ? organization : host.displayName();
        String description = c.meetingTypeName() + (ja ? "（担当: " : " with ") + hostName + (ja ? "）" : "")
                + (joinUrl == null ? "" : (ja ? "\n会議URL: " : "\nJoin: ") + joinUrl)
                + (ja ? "\n日時の変更・キャンセル: " : "\nReschedule or cancel: ") + manageUrl;
        return new MeetingInvitation(c.calendarUid(), c.sequence(), c.cancelled(), c.startsAt(), c.endsAt(),
                c.meetingTypeName() + " (" + organization + ")", description, joinUrl,
                host == null ? address(from) : host.email, hostName, c.leadEmail(), c.leadName());
    }

    private Map<String, Object> data(MeetingChange c, String locale, String zone, UserProfile host, String joinUrl) {
        Map<String, Object> data = new HashMap<>();
        data.put("meetingTypeName", c.meetingTypeName());
        data.put("leadName", c.leadName());
        data.put("leadCompany", c.leadCompany());
        data.put("leadEmail", c.leadEmail());
        data.put("hostName", host == null ? "" : host.displayName());
        data.put("when", templates.timeRange(locale, c.startsAt(), c.endsAt(), zone));
        data.put("previousWhen", c.previousStartsAt() == null ? null : templates.date(locale, c.previousStartsAt(), zone));
        data.put("joinUrl", joinUrl);
        data.put("method", c.method().name());
        return data;
    }

    /** The address of a mailbox like {@code Kaigi <no-reply@kaigi.dev>}. */
    private static String address(String mailbox) {
        int open = mailbox.indexOf('<');
        int close = mailbox.indexOf('>', open + 1);
        return open >= 0 && close > open ? mailbox.substring(open + 1, close).trim() : mailbox.trim();
    }
}
