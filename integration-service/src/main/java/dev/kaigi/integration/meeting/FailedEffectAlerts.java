package dev.kaigi.integration.meeting;

import dev.kaigi.integration.mail.MailSender;
import dev.kaigi.integration.mail.MailTemplates;
import dev.kaigi.integration.mail.MessageIds;
import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the organization's OWNERs, each in their language, which effects of a booking's step a provider refused
 * for good (a Zoom 4xx, a mail refused, Slack {@code channel_not_found}): nobody else learns of it, and retrying
 * cannot help. One mail per OWNER per step, listing every refused effect, sent once the step's effects are all
 * recorded; it is an effect of its own ({@link Kind#ADMIN_ALERT}), so it is sent once.
 */
@ApplicationScoped
class FailedEffectAlerts {

    @Inject
    UserDirectory users;
    @Inject
    MailTemplates templates;
    @Inject
    MailSender mail;
    @Inject
    MessageIds messageIds;

    Done tell(MeetingChange c, List<SideEffects.Record> refused) {
        List<UserProfile> owners = users.owners(c.orgId());
        if (owners.isEmpty()) {
            return Done.skipped("no-owner");
        }
        String hostName = users.inOrganization(c.orgId(), c.hostUserId()).map(UserProfile::displayName).orElse("");
        List<String> failures = refused.stream()
                .map(r -> r.kind() + (r.detail() == null ? "" : ": " + r.detail())).toList();
        for (UserProfile owner : owners) {
            Map<String, Object> data = new HashMap<>();
            data.put("adminName", owner.displayName());
            data.put("failureCount", failures.size());
            data.put("failures", failures);
            data.put("step", c.step().name());
            data.put("when", templates.timeRange(owner.locale, c.startsAt(), c.endsAt(), c.hostTimeZone()));
            data.put("meetingTypeName", c.meetingTypeName());
            data.put("leadName", c.leadName());
            data.put("leadCompany", c.leadCompany());
            data.put("hostName", hostName);
            data.put("bookingId", c.bookingId());
            mail.send(messageIds.of(c.bookingId(), c.sequence(), Kind.ADMIN_ALERT.name(), owner.userId), owner.email,
                    null, templates.render("side-effect-failed", owner.locale, data), null);
        }
        return Done.done(null, "owners: " + owners.size());
    }
}
