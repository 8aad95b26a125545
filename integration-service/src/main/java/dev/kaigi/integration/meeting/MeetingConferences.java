package dev.kaigi.integration.meeting;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.meeting.SideEffects.Outcome;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.user.UserProfile;
import dev.kaigi.integration.zoom.ZoomAccess;
import dev.kaigi.integration.zoom.ZoomClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Zoom side of a booking's steps (INT-01, MTG-06): a meeting in the host's Zoom account when booked or handed
 * to them (or the host's personal meeting URL), its time moved on a reschedule, and the meeting deleted from the
 * account that holds it when it changes hands or is cancelled. The meeting in force is the one the latest earlier
 * step created, with the account it was created in. Moving and deleting may be repeated safely (the same time
 * again; a meeting already gone counts as deleted); a creation is not: Zoom takes no idempotency key, so each
 * meeting carries its step's marker in its agenda, and a creation an earlier attempt may have made is looked up
 * by it before another is made.
 */
@ApplicationScoped
class MeetingConferences {

    private static final Logger LOG = Logger.getLogger(MeetingConferences.class);
    private static final String ZOOM_MEETING = "zoom-meeting ";

    @Inject
    SideEffects effects;
    @Inject
    ZoomAccess zoomAccess;
    @Inject
    ZoomClient zoom;

    /** Brings Zoom in line with the step; returns the meeting's URL after it (null when cancelled or not a Zoom meeting). */
    String apply(MeetingChange c, UserProfile host, Once once) {
        if (c.method() != ConferencingMethod.ZOOM) {
            return null;
        }
        Optional<SideEffects.Record> live = effects.latestBefore(c.bookingId(), c.sequence(), Kind.ZOOM_MEETING)
                .filter(r -> r.outcome() == Outcome.DONE && r.result() != null);
        UUID owner = live.map(c::accountOf).orElse(null);
        Long meetingId = live.map(MeetingConferences::zoomMeetingId).orElse(null);
        boolean moved = live.isPresent() && !c.hostUserId().equals(owner);
        if ((c.cancelled() || moved) && meetingId != null) {
            once.run(Kind.ZOOM_DELETE, () -> asOwner(owner, token -> {
                zoom.deleteMeeting(token, meetingId);
                return Done.done(null, ZOOM_MEETING + meetingId).in(owner);
            }));
        }
        if (c.cancelled()) {
            return null;
        }
        if (live.isEmpty() || moved) {
            return once.run(Kind.ZOOM_MEETING, repeated -> create(c, host, repeated)).result();
        }
        if (meetingId != null && c.step() == MeetingChange.Step.RESCHEDULED) {
            once.run(Kind.ZOOM_UPDATE, () -> asOwner(owner, token -> {
                zoom.updateMeeting(token, meetingId, c.startsAt(), c.endsAt(), c.hostTimeZone());
                return Done.done(null, ZOOM_MEETING + meetingId).in(owner);
            }));
        }
        return live.get().result();
    }

    /** Whether a recorded Zoom meeting is the link's personal meeting URL rather than a meeting of its own. */
    static boolean personal(Done done) {
        return done.detail() != null && done.detail().startsWith("personal-url");
    }

    /** The marker of the meeting a step creates, kept in its agenda: the booking and the step's sequence. */
    static String marker(MeetingChange c) {
        return "kaigi-ref: " + c.bookingId() + "/" + c.sequence();
    }

    private Done create(MeetingChange c, UserProfile host, boolean repeated) {
        String personal = host == null ? null : host.zoomPersonalMeetingUrl;
        Optional<ZoomClient.Meeting> meeting;
        try {
            meeting = zoomAccess.asUser(c.hostUserId(), token -> (repeated ? zoom.findMeeting(token, marker(c))
                    : Optional.<ZoomClient.Meeting>empty())
                    .orElseGet(() -> zoom.createMeeting(token, c.meetingTypeName() + " / " + c.leadName(), c.startsAt(),
                            c.endsAt(), c.hostTimeZone(), c.lead(), marker(c))));
        } catch (ZoomAccess.RelinkRequiredException relink) {
            meeting = Optional.empty();
        } catch (ProviderRejectedException refused) {
            LOG.warnf("Zoom refused to create the meeting of booking %s (%s)", c.bookingId(), refused.reason());
            if (personal != null) {
                return Done.done(personal, "personal-url; zoom refused: " + refused.reason()).in(c.hostUserId());
            }
            throw refused;
        }
        if (meeting.isPresent()) {
            return Done.done(meeting.get().joinUrl(), ZOOM_MEETING + meeting.get().id()).in(c.hostUserId());
        }
        return personal != null ? Done.done(personal, "personal-url").in(c.hostUserId()) : Done.skipped("no-zoom-link");
    }

    /** Runs {@code call} in the owner's Zoom account; skipped when that link is gone or must be renewed. */
    private Done asOwner(UUID owner, Function<String, Done> call) {
        try {
            return zoomAccess.asUser(owner, call).orElse(Done.skipped("zoom-not-linked"));
        } catch (ZoomAccess.RelinkRequiredException relink) {
            return Done.skipped("zoom-relink-required");
        }
    }

    private static Long zoomMeetingId(SideEffects.Record r) {
        if (r.detail() == null || !r.detail().startsWith(ZOOM_MEETING)) {
            return null;
        }
        try {
            return Long.parseLong(r.detail().substring(ZOOM_MEETING.length()).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
