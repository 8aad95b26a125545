package dev.kaigi.integration.meeting;

import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.notification.Channel;
import dev.kaigi.integration.notification.NotificationSubscriptionService;
import dev.kaigi.integration.notification.Subscriber;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The subscribers of a booking's step (LIF-05): the organization's active users subscribed to its meeting type or to
 * all, each told once per channel, by mail or in Slack. The step's host and previous host are told by their own
 * effects, so a subscription of theirs adds nothing.
 */
@ApplicationScoped
class MeetingSubscribers {

    @Inject
    NotificationSubscriptionService subscriptions;
    @Inject
    UserDirectory users;
    @Inject
    MeetingMails mails;
    @Inject
    MeetingSlack slack;

    /** One subscriber's notice of the step: who, by which effect, recorded under its own subject. */
    record Notice(UUID subject, Kind kind, UserProfile subscriber) {
    }

    List<Notice> of(MeetingChange c) {
        return subscriptions.subscribersOf(c.orgId(), c.meetingTypeId()).stream()
                .filter(s -> !s.userId().equals(c.hostUserId()) && !s.userId().equals(c.previousHostUserId()))
                .map(s -> users.inOrganization(c.orgId(), s.userId()).filter(u -> "ACTIVE".equals(u.status))
                        .map(u -> new Notice(subject(c.bookingId(), s.userId()), kind(s), u)).orElse(null))
                .filter(Objects::nonNull)
                .toList();
    }

    Done tell(MeetingChange c, Notice notice, UserProfile host, String joinUrl) {
        if (notice.kind() == Kind.SUBSCRIBER_SLACK) {
            return slack.tellSubscriber(c, notice.subscriber(), host, joinUrl);
        }
        if (notice.subscriber().email == null) {
            return Done.skipped("no-email");
        }
        return mails.subscriber(c, notice.subscriber(), host, joinUrl);
    }

    /**
     * The subject a subscriber's notices of a booking are recorded under, so that {@link SideEffects} keeps one per
     * step, subscriber and channel: derived from the booking and the subscriber, the same on every attempt.
     */
    static UUID subject(UUID bookingId, UUID subscriberId) {
        return UUID.nameUUIDFromBytes(("subscriber:" + bookingId + ":" + subscriberId).getBytes(StandardCharsets.UTF_8));
    }

    private static Kind kind(Subscriber s) {
        return s.channel() == Channel.SLACK ? Kind.SUBSCRIBER_SLACK : Kind.SUBSCRIBER_MAIL;
    }
}
