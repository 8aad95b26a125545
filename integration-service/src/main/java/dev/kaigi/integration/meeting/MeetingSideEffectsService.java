package dev.kaigi.integration.meeting;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.integration.MeetingConferenceCreated;
import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.integration.calendar.CalendarApi;
import dev.kaigi.integration.calendar.CalendarEventWriter;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.mail.MailSender;
import dev.kaigi.integration.mail.MailTemplates;
import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.meeting.SideEffects.Outcome;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.slack.SlackClient;
import dev.kaigi.integration.slack.SlackText;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import dev.kaigi.integration.zoom.ZoomAccess;
import dev.kaigi.integration.zoom.ZoomClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a booked meeting sets off (INT-01, INT-02, INT-04, INT-05): the Zoom meeting (or the host's personal
 * meeting URL), the event in the host's linked calendar, a mail to the lead sent for the host with the host's
 * signature, a mail to the host, and a Slack mention of the host. Each effect happens once: it is skipped when {@link SideEffects} has it, and recorded
 * as soon as it is done. A provider that is away stops the run with {@link DependencyUnavailableException},
 * so the event is retried, and only the missing effects are done then. A provider's refusal of one effect
 * (Slack {@code ok:false}, a mail refused) is recorded as FAILED and does not hold the others back.
 */
@ApplicationScoped
public class MeetingSideEffectsService {

    private static final Logger LOG = Logger.getLogger(MeetingSideEffectsService.class);

    @Inject
    SideEffects effects;
    @Inject
    UserDirectory users;
    @Inject
    ZoomAccess zoomAccess;
    @Inject
    ZoomClient zoom;
    @Inject
    MailTemplates templates;
    @Inject
    MailSender mail;
    @Inject
    SlackClient slack;
    @Inject
    MeetingConfig config;
    @Inject
    CalendarEventWriter calendars;

    private record Done(Outcome outcome, String result, String detail) {
        static Done done(String result, String detail) {
            return new Done(Outcome.DONE, result, detail);
        }

        static Done skipped(String detail) {
            return new Done(Outcome.SKIPPED, null, detail);
        }
    }

    public void meetingBooked(MeetingBooked e, Instant eventTime) {
        Optional<UserProfile> host = users.inOrganization(e.orgId(), e.hostUserId()).filter(u -> u.email != null);
        if (host.isEmpty() && (eventTime == null || eventTime.plus(config.hostProfileGrace()).isAfter(Instant.now()))) {
            throw new DependencyUnavailableException("host " + e.hostUserId() + " of booking " + e.bookingId()
                    + " not known yet from user-service");
        }
        String joinUrl = conference(e, host.orElse(null));
        once(e, Kind.CALENDAR_EVENT, () -> host.map(h -> calendarEvent(e, joinUrl)).orElse(Done.skipped("host-unknown")));
        String organization = users.organizationName(e.orgId()).orElse("Kaigi");
        once(e, Kind.LEAD_MAIL, () -> leadMail(e, host.orElse(null), joinUrl, organization));
        once(e, Kind.HOST_MAIL, () -> host.map(h -> hostMail(e, h, joinUrl)).orElse(Done.skipped("host-unknown")));
        once(e, Kind.SLACK_MENTION, () -> host.map(h -> slackMention(e, h, joinUrl)).orElse(Done.skipped("host-unknown")));
    }

    /** The meeting's URL: a new Zoom meeting, or the host's personal meeting URL; null for other methods. */
    private String conference(MeetingBooked e, UserProfile host) {
        if (e.conferencingMethod() != ConferencingMethod.ZOOM) {
            return null;
        }
        return once(e, Kind.ZOOM_MEETING, () -> zoomMeeting(e, host)).result();
    }

    /**
     * What a recorded effect announces: the meeting link, once it exists (INT-01). It is written with
     * the effect's record, in one transaction, so it goes out exactly once per booking.
     */
    private static EventPayload announcement(MeetingBooked e, Kind kind, Done done) {
        if (kind != Kind.ZOOM_MEETING || done.outcome() != Outcome.DONE || done.result() == null) {
            return null;
        }
        return new MeetingConferenceCreated(e.orgId(), e.bookingId(), e.hostUserId(), e.conferencingMethod(), done.result(),
                done.detail() != null && done.detail().startsWith("personal-url"));
    }

    private Done zoomMeeting(MeetingBooked e, UserProfile host) {
        String personal = host == null ? null : host.zoomPersonalMeetingUrl;
        Optional<ZoomClient.Meeting> meeting;
        try {
            meeting = zoomAccess.asUser(e.hostUserId(), token -> zoom.createMeeting(token,
                    e.meetingTypeName() + " / " + e.leadName(), e.startsAt(), e.endsAt(), e.hostTimeZone(),
                    e.leadName() + (e.leadCompany() == null ? "" : " (" + e.leadCompany() + ")")));
        } catch (ZoomAccess.RelinkRequiredException relink) {
            meeting = Optional.empty();
        } catch (ProviderRejectedException refused) {
            LOG.warnf("Zoom refused to create the meeting of booking %s (%s)", e.bookingId(), refused.reason());
            if (personal != null) {
                return Done.done(personal, "personal-url; zoom refused: " + refused.reason());
            }
            throw refused;
        }
        if (meeting.isPresent()) {
            return Done.done(meeting.get().joinUrl(), "zoom-meeting " + meeting.get().id());
        }
        return personal != null ? Done.done(personal, "personal-url") : Done.skipped("no-zoom-link");
    }

    /** INT-04: the meeting in the host's calendar, keyed by the booking so a provider keeps one copy. */
    private Done calendarEvent(MeetingBooked e, String joinUrl) {
        String lead = e.leadName() + (e.leadCompany() == null ? "" : " (" + e.leadCompany() + ")");
        CalendarApi.CalendarEvent event = new CalendarApi.CalendarEvent(e.bookingId().toString().replace("-", ""),
                e.meetingTypeName() + " / " + lead, lead + "\n" + e.leadEmail() + (joinUrl == null ? "" : "\n" + joinUrl),
                joinUrl, e.startsAt(), e.endsAt(), e.hostTimeZone(), e.leadEmail(), e.leadName());
        try {
            return calendars.write(e.orgId(), e.hostUserId(), event)
                    .map(written -> Done.done(written.eventId(), written.provider()))
                    .orElse(Done.skipped("no-calendar"));
        } catch (ConnectionAccess.RelinkRequiredException relink) {
            return Done.skipped("calendar-relink-required");
        }
    }

    private Done leadMail(MeetingBooked e, UserProfile host, String joinUrl, String organization) {
        Map<String, Object> data = meetingData(e, e.leadLocale(), host, joinUrl);
        data.put("organizationName", organization);
        // INT-05: the mail goes out for the host, so it carries their signature and replies reach them
        data.put("signature", host == null || host.emailSignature == null || host.emailSignature.isBlank()
                ? null : host.emailSignature.strip());
        mail.send(e.leadEmail(), host == null ? null : host.email, templates.render("meeting-lead", e.leadLocale(), data));
        return Done.done(null, null);
    }

    private Done hostMail(MeetingBooked e, UserProfile host, String joinUrl) {
        Map<String, Object> data = meetingData(e, host.locale, host, joinUrl);
        mail.send(host.email, null, templates.render("meeting-host", host.locale, data));
        return Done.done(null, null);
    }

    private Done slackMention(MeetingBooked e, UserProfile host, String joinUrl) {
        if (host.slackMemberId == null || host.slackMemberId.isBlank()) {
            return Done.skipped("no-slack-member-id");
        }
        if (!SlackText.isMemberId(host.slackMemberId)) {
            return Done.skipped("invalid-slack-member-id");
        }
        if (!slack.enabled()) {
            return Done.skipped("slack-not-configured");
        }
        boolean ja = "ja".equals(templates.language(host.locale));
        String when = templates.timeRange(host.locale, e.startsAt(), e.endsAt(), e.hostTimeZone());
        String lead = SlackText.escape(e.leadName())
                + (e.leadCompany() == null ? "" : (ja ? "（" : " (") + SlackText.escape(e.leadCompany()) + (ja ? "）" : ")"));
        String text = SlackText.mention(host.slackMemberId) + (ja
                ? " 新しい商談が割り当てられました: *" + SlackText.escape(e.meetingTypeName()) + "* " + lead + " 様\n" + when
                : " A new meeting was assigned to you: *" + SlackText.escape(e.meetingTypeName()) + "* with " + lead
                + "\n" + when)
                + (joinUrl == null ? "" : "\n" + SlackText.escape(joinUrl));
        return Done.done(slack.postMessage(host.slackMemberId, text), null);
    }

    private Map<String, Object> meetingData(MeetingBooked e, String locale, UserProfile host, String joinUrl) {
        Map<String, Object> data = new HashMap<>();
        data.put("meetingTypeName", e.meetingTypeName());
        data.put("leadName", e.leadName());
        data.put("leadCompany", e.leadCompany());
        data.put("leadEmail", e.leadEmail());
        data.put("hostName", host == null ? "" : host.displayName());
        data.put("when", templates.timeRange(locale, e.startsAt(), e.endsAt(), e.hostTimeZone()));
        data.put("joinUrl", joinUrl);
        data.put("method", e.conferencingMethod().name());
        return data;
    }

    /** Runs the effect unless it is recorded; records its outcome; an outage stops the run for a retry. */
    private SideEffects.Record once(MeetingBooked e, Kind kind, Supplier<Done> effect) {
        Optional<SideEffects.Record> recorded = effects.find(e.bookingId(), kind);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        Done done;
        try {
            done = effect.get();
        } catch (ProviderRejectedException refused) {
            LOG.warnf("%s of booking %s refused by %s: %s", kind, e.bookingId(), refused.provider(), refused.reason());
            done = new Done(Outcome.FAILED, null, refused.provider() + ": " + refused.reason());
        } catch (RuntimeException failure) {
            if (ProviderFailures.isTransient(failure)) {
                throw new DependencyUnavailableException(kind + " of booking " + e.bookingId() + " waits: "
                        + failure.getMessage(), failure);
            }
            throw failure;
        }
        effects.record(e.bookingId(), e.orgId(), kind, done.outcome(), done.result(), done.detail(), announcement(e, kind, done));
        return new SideEffects.Record(kind, done.outcome(), done.result(), done.detail());
    }

    /** For tests and support: what was done for a booking. */
    public java.util.List<SideEffects.Record> effectsOf(UUID bookingId) {
        return effects.all(bookingId);
    }
}
