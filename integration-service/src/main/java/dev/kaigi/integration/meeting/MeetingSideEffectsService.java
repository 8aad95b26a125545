package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.integration.MeetingConferenceCreated;
import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.meeting.SideEffects.Outcome;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What each step of a booking's life sets off (INT-01, INT-02, INT-04, INT-05, MTG-01, MTG-06): the Zoom meeting
 * (created, moved, deleted, or the host's personal meeting URL), the event in the host's calendar, the lead's mail
 * with its calendar invitation and manage link, the host's mail (and the previous host's when it changed hands),
 * a Slack message to the host, and a mail or Slack message to each user subscribed to the booking's meeting type
 * ({@link MeetingSubscribers}, LIF-05). A step older than one already applied to the booking is skipped
 * ({@link BookingSequences}). Each effect happens once per step: it is skipped when {@link SideEffects} has it
 * and recorded as soon as it is done; its intent is committed before the provider is called, so a retry knows
 * when an effect may have been done already ({@link Once.Effect}). A provider that is away stops the run with
 * {@link DependencyUnavailableException}, so the event is retried and only the missing effects are done then. A
 * provider's refusal of one effect (Slack {@code ok:false}, a mail refused, a Zoom 4xx) is recorded as FAILED and
 * does not hold the others back; once the step's effects are all recorded, the organization's OWNERs are mailed
 * about what was refused ({@link FailedEffectAlerts}), once.
 */
@ApplicationScoped
public class MeetingSideEffectsService {

    private static final Logger LOG = Logger.getLogger(MeetingSideEffectsService.class);

    @Inject
    SideEffects effects;
    @Inject
    BookingSequences sequences;
    @Inject
    UserDirectory users;
    @Inject
    MeetingConfig config;
    @Inject
    MeetingConferences conferences;
    @Inject
    MeetingCalendarEvents calendarEvents;
    @Inject
    MeetingMails mails;
    @Inject
    MeetingSlack slack;
    @Inject
    MeetingReminders reminders;
    @Inject
    FailedEffectAlerts alerts;
    @Inject
    MeetingSubscribers subscribers;

    /** Applies one step, in the event's transaction (which holds the booking's sequence). */
    void apply(MeetingChange event, Instant eventTime) {
        Optional<Integer> claimed = sequences.claim(event, eventTime);
        if (claimed.isEmpty()) {
            LOG.infof("%s of booking %s at sequence %s skipped: the booking is past it", event.step(), event.bookingId(),
                    event.sequence());
            return;
        }
        MeetingChange c = event.at(claimed.get());
        Optional<UserProfile> host = users.inOrganization(c.orgId(), c.hostUserId()).filter(u -> u.email != null);
        if (host.isEmpty() && (eventTime == null || eventTime.plus(config.hostProfileGrace()).isAfter(Instant.now()))) {
            throw new DependencyUnavailableException("host " + c.hostUserId() + " of booking " + c.bookingId()
                    + " not known yet from user-service");
        }
        Once once = (kind, effect) -> once(c, kind, effect);
        String joinUrl = conferences.apply(c, host.orElse(null), once);
        calendarEvents.apply(c, joinUrl, host.isPresent(), once);
        reminders.plan(c, joinUrl);
        // A mail or Slack message an earlier attempt may have sent is sent again: SMTP and chat.postMessage take no
        // idempotency key and cannot be asked what they received, and a lead without the invitation or the
        // cancellation (MTG-01), or a host not told of a new meeting, is worse than a second copy. A mail's second
        // copy carries the same Message-ID, so mail clients (and checks) see one message.
        once(c, Kind.LEAD_MAIL, repeated -> c.leadErased() ? Done.skipped("lead-erased") : mails.lead(c, host.orElse(null), joinUrl));
        // a host who left (deactivated, removed, deleted) is told nothing more; their meeting is still cleared away
        Optional<UserProfile> reachable = host.filter(h -> !h.isGone());
        String unreachable = host.isPresent() ? "host-gone" : "host-unknown";
        once(c, Kind.HOST_MAIL, repeated -> reachable.map(h -> mails.host(c, h, joinUrl)).orElse(Done.skipped(unreachable)));
        if (c.hostChanged()) {
            once(c, Kind.PREVIOUS_HOST_MAIL, repeated -> users.inOrganization(c.orgId(), c.previousHostUserId())
                    .filter(u -> u.email != null && !u.isGone())
                    .map(previous -> mails.previousHost(c, previous, host.orElse(null)))
                    .orElse(Done.skipped("previous-host-unknown")));
        }
        if (c.newToHost() || c.cancelled()) {
            once(c, Kind.SLACK_MENTION, repeated -> reachable.map(h -> slack.tell(c, h, joinUrl)).orElse(Done.skipped(unreachable)));
        }
        for (MeetingSubscribers.Notice notice : subscribers.of(c)) {
            once(c, notice.subject(), notice.kind(), repeated -> subscribers.tell(c, notice, host.orElse(null), joinUrl));
        }
        List<SideEffects.Record> refused = effects.failed(c.bookingId(), c.sequence());
        if (!refused.isEmpty()) {
            once(c, Kind.ADMIN_ALERT, repeated -> alerts.tell(c, refused));
        }
    }

    /**
     * What a recorded effect announces: the meeting link, once it exists (INT-01). It is written with
     * the effect's record, in one transaction, so it goes out exactly once per Zoom meeting.
     */
    private static EventPayload announcement(MeetingChange c, Kind kind, Done done) {
        if (kind != Kind.ZOOM_MEETING || done.outcome() != Outcome.DONE || done.result() == null) {
            return null;
        }
        return new MeetingConferenceCreated(c.orgId(), c.bookingId(), c.hostUserId(), c.method(), done.result(),
                MeetingConferences.personal(done));
    }

    /**
     * Runs the effect unless it is recorded, its intent committed first; records its outcome; an outage stops
     * the run for a retry and leaves the intent, so the retry looks before it repeats the effect.
     */
    private SideEffects.Record once(MeetingChange c, Kind kind, Once.Effect effect) {
        return once(c, c.bookingId(), kind, effect);
    }

    /** The same for an effect recorded under a subject of its own (a subscriber's notice of the booking). */
    private SideEffects.Record once(MeetingChange c, UUID subject, Kind kind, Once.Effect effect) {
        Optional<SideEffects.Record> recorded = effects.find(subject, c.sequence(), kind);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        boolean repeated = effects.intend(subject, c.orgId(), c.sequence(), kind);
        Done done;
        try {
            done = effect.run(repeated);
        } catch (ProviderRejectedException refused) {
            LOG.warnf("%s of booking %s refused by %s: %s", kind, c.bookingId(), refused.provider(), refused.reason());
            done = new Done(Outcome.FAILED, null, refused.provider() + ": " + refused.reason(), null);
        } catch (RuntimeException failure) {
            if (ProviderFailures.isTransient(failure)) {
                throw new DependencyUnavailableException(kind + " of booking " + c.bookingId() + " waits: "
                        + failure.getMessage(), failure);
            }
            throw failure;
        }
        SideEffects.Record record = new SideEffects.Record(kind, c.sequence(), done.outcome(), done.result(),
                done.detail(), done.accountUserId());
        effects.record(subject, c.orgId(), record, announcement(c, kind, done));
        return record;
    }

    /** For tests and support: what was done for a booking. */
    public List<SideEffects.Record> effectsOf(UUID bookingId) {
        return effects.all(bookingId);
    }
}
