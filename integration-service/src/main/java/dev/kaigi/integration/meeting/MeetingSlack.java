package dev.kaigi.integration.meeting;

import dev.kaigi.integration.mail.MailTemplates;
import dev.kaigi.integration.slack.SlackText;
import dev.kaigi.integration.slack.SlackWorkspaces;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Function;

/**
 * The host's Slack message of a booking's step (INT-02, MTG-06): a mention when a meeting becomes theirs (booked
 * or handed to them), a message when it is cancelled, in the app's DM with them in the booking organization's own
 * workspace (INT-10); and a subscriber's message of each step (LIF-05). In the reader's language; whatever a lead typed
 * is escaped.
 */
@ApplicationScoped
class MeetingSlack {

    @Inject
    SlackWorkspaces workspaces;
    @Inject
    MailTemplates templates;

    Done tell(MeetingChange c, UserProfile host, String joinUrl) {
        return post(c, host, ja -> {
            String when = templates.timeRange(host.locale, c.startsAt(), c.endsAt(), c.hostTimeZone());
            String lead = SlackText.escape(c.leadName())
                    + (c.leadCompany() == null ? "" : (ja ? "（" : " (") + SlackText.escape(c.leadCompany()) + (ja ? "）" : ")"));
            String type = SlackText.escape(c.meetingTypeName());
            return SlackText.mention(host.slackMemberId) + (c.cancelled()
                    ? (ja ? " 商談がキャンセルされました: *" + type + "* " + lead + " 様\n" + when
                          : " A meeting was cancelled: *" + type + "* with " + lead + "\n" + when)
                    : (ja ? " 新しい商談が割り当てられました: *" + type + "* " + lead + " 様\n" + when
                          : " A new meeting was assigned to you: *" + type + "* with " + lead + "\n" + when)
                            + (joinUrl == null ? "" : "\n" + SlackText.escape(joinUrl)));
        });
    }

    /**
     * A subscriber's message of a booking's step (LIF-05), in their DM with the app in the organization's workspace:
     * what happened, to which meeting type, whose meeting it is and when (in the host's zone).
     */
    Done tellSubscriber(MeetingChange c, UserProfile subscriber, UserProfile host, String joinUrl) {
        return post(c, subscriber, ja -> {
            String when = templates.timeRange(subscriber.locale, c.startsAt(), c.endsAt(), c.hostTimeZone());
            String what = switch (c.step()) {
                case BOOKED -> ja ? "新しい商談が予約されました" : "A meeting was booked";
                case RESCHEDULED -> ja ? "商談の日時が変更されました" : "A meeting was moved";
                case REASSIGNED -> ja ? "商談の担当者が変わりました" : "A meeting has a new host";
                case CANCELLED -> ja ? "商談がキャンセルされました" : "A meeting was cancelled";
            };
            String hostName = SlackText.escape(host == null ? "" : host.displayName());
            return SlackText.mention(subscriber.slackMemberId) + " " + what + ": *" + SlackText.escape(c.meetingTypeName())
                    + "* " + SlackText.escape(c.lead()) + (ja ? " 様（担当: " + hostName + "）\n" : " (host: " + hostName + ")\n")
                    + when + (joinUrl == null || c.cancelled() ? "" : "\n" + SlackText.escape(joinUrl));
        });
    }

    /** Posts the text (made in {@code to}'s language: true for Japanese) to {@code to}'s DM with the organization's bot. */
    private Done post(MeetingChange c, UserProfile to, Function<Boolean, String> text) {
        Done unreachable = unreachable(to);
        if (unreachable != null) {
            return unreachable;
        }
        SlackWorkspaces.Bot bot = workspaces.of(c.orgId());
        if (!bot.ready()) {
            return Done.skipped(bot.unavailable());
        }
        return Done.done(workspaces.post(bot, to.slackMemberId, text.apply("ja".equals(templates.language(to.locale)))), null);
    }

    /** Why a user cannot be messaged in Slack, or null when they can. */
    private static Done unreachable(UserProfile user) {
        if (user.slackMemberId == null || user.slackMemberId.isBlank()) {
            return Done.skipped("no-slack-member-id");
        }
        if (!SlackText.isMemberId(user.slackMemberId)) {
            return Done.skipped("invalid-slack-member-id");
        }
        return null;
    }
}
